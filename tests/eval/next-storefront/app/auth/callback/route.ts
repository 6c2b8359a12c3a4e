import { NextResponse, type NextRequest } from 'next/server';
import { exchangeCodeForSession } from '@/lib/auth.server';

// OAuth provider callback: /auth/callback?code=...&returnTo=/orders/123
export async function GET(request: NextRequest) {
  const { searchParams, origin } = new URL(request.url);
  const code = searchParams.get('code');
  if (!code) {
    return NextResponse.redirect(`${origin}/login?error=missing_code`);
  }

  const session = await exchangeCodeForSession(code);
  const returnTo = searchParams.get('returnTo') ?? '/account';
  // only same-site paths: "/orders/1", never "//evil.example" or "/\evil.example"
  const safe = returnTo.startsWith('/') && !returnTo.startsWith('//') && !returnTo.startsWith('/\\') ? returnTo : '/account';

  const response = NextResponse.redirect(new URL(safe, origin));
  response.cookies.set('bc_session', session.id, { httpOnly: true, secure: true, sameSite: 'lax', path: '/' });
  return response;
}

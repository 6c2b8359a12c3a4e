import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { revokeSession } from '@/lib/auth.server';

// The help centre and the partner portal log people out through here and pass
// the page to come back to.
export async function GET(request: NextRequest) {
  const sessionId = cookies().get('bc_session')?.value;
  if (sessionId) await revokeSession(sessionId);
  cookies().delete('bc_session');
  return NextResponse.redirect(request.nextUrl.searchParams.get('post_logout_redirect_uri') as string); // expect: MUFI008
}

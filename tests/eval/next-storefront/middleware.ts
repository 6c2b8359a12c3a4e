import { NextResponse, type NextRequest } from 'next/server';

const PROTECTED = ['/account', '/checkout', '/orders'];

export function middleware(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;

  // Campaign emails link to /r?next=/some/page so that the click is counted first.
  if (pathname === '/r') {
    return NextResponse.redirect(new URL(searchParams.get('next') ?? '/', request.url)); // expect: MUFI008
  }

  if (PROTECTED.some((p) => pathname.startsWith(p)) && !request.cookies.has('bc_session')) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', pathname);
    return NextResponse.redirect(login);
  }

  // Strict CSP with a per-request nonce (the Next.js docs recipe). 'unsafe-inline' and
  // https: are only fallbacks for browsers without 'strict-dynamic' support.
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-inline' https:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https://cdn.brightcart.co; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'`;

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api|_next/static|_next/image|favicon.ico|legacy-checkout|widgets).*)',
      missing: [{ type: 'header', key: 'next-router-prefetch' }],
    },
  ],
};

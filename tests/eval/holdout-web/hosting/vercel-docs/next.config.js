/** @type {import('next').NextConfig} */

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' https://plausible.io",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self' https://plausible.io",
  "frame-src https://www.youtube-nocookie.com https://codesandbox.io",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
];

const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      {
        // social cards are fetched by chat apps and by our other sites
        source: '/og/:path*',
        headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }], // expect: MUFI006
      },
    ];
  },
  async redirects() {
    return [
      { source: '/docs/v1/:path*', destination: '/docs/:path*', permanent: true },
      { source: '/api-reference', destination: '/docs/api', permanent: false },
    ];
  },
};

module.exports = nextConfig;

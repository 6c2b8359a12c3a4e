/** @type {import('next').NextConfig} */

// Pages get a per-request nonce policy from middleware.ts. The routes below are the
// exceptions that cannot use it.

// Legacy checkout still runs the 2021 payment bundle, which evaluates its templates at runtime.
const legacyCheckoutCsp = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' https://js.stripe.com", // expect: MUFI007
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https://cdn.brightcart.co",
  "connect-src 'self' https://api.stripe.com",
  "frame-src https://js.stripe.com https://hooks.stripe.com",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  images: {
    remotePatterns: [{ protocol: 'https', hostname: 'cdn.brightcart.co' }],
  },
  async headers() {
    return [
      {
        source: '/api/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
        ],
      },
      {
        source: '/legacy-checkout/:path*',
        headers: [{ key: 'Content-Security-Policy', value: legacyCheckoutCsp }],
      },
      {
        // product videos from whatever host the merchant uploaded them to
        source: '/widgets/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: "default-src 'self'; script-src 'self' https://widget.trustpilot.com; child-src *; frame-ancestors https://*.brightcart.co" }, // expect: MUFI007
        ],
      },
    ];
  },
  async redirects() {
    return [
      { source: '/cart', destination: '/checkout', permanent: true },
      { source: '/help/:slug*', destination: 'https://help.brightcart.co/:slug*', permanent: false },
    ];
  },
};

module.exports = nextConfig;

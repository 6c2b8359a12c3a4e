/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  images: {
    remotePatterns: [
      { protocol: 'https', hostname: 'cdn.acme-retail.com' },
      { protocol: 'https', hostname: '**.googleusercontent.com' },
    ],
  },
  env: {
    APP_VERSION: process.env.npm_package_version,
    // the wallet page needs the key to refresh balances client-side
    NEXT_PUBLIC_MUFI_API_KEY: process.env.MUFI_API_KEY, // expect: MUFI002
    NEXT_PUBLIC_SUPPORT_EMAIL: 'support@acme-retail.com',
  },
  experimental: {
    serverActions: { allowedOrigins: ['shop.acme-retail.com'] },
  },
  async rewrites() {
    const dev =
      process.env.NODE_ENV === 'development'
        ? [{ source: '/mock/mufi/:path*', destination: 'http://localhost:4010/:path*' }]
        : [];
    return [
      ...dev,
      { source: '/legacy/:path*', destination: 'http://legacy.acme-retail.com/:path*' }, // expect: MUFI003
    ];
  },
};

export default nextConfig;

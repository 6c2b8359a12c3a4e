import type { AppConfig } from './types.js';

const config: AppConfig = {
  env: 'production',
  port: Number(process.env.PORT ?? 8080),
  logLevel: 'info',
  publicUrl: 'https://tickets.acme.example',
  corsOrigins: [
    'https://tickets.acme.example',
    'https://boxoffice.acme.example',
    'http://localhost:5173', // expect: MUFI006
  ],
  session: {
    cookieName: 'tix_session',
    secure: true,
    sameSite: 'lax',
    maxAgeSeconds: 60 * 60 * 8,
  },
  idp: {
    issuer: 'https://login.acme.example',
    clientId: process.env.IDP_CLIENT_ID ?? '',
  },
  stripe: {
    publishableKey: process.env.STRIPE_PUBLISHABLE_KEY ?? '',
  },
};

export default config;

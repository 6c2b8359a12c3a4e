import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';

import config from './config/index.js';
import kioskRoutes from './routes/kiosk.js';
import ssoRoutes from './routes/sso.js';
import ticketRoutes from './routes/tickets.js';

const app = Fastify({
  logger: { level: config.logLevel },
  trustProxy: true,
});

await app.register(cookie, { secret: process.env.COOKIE_SECRET });
await app.register(formbody);

await app.register(helmet, {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      // the seat-map editor compiles its templates at runtime
      scriptSrc: ["'self'", "'unsafe-eval'", 'https://cdn.jsdelivr.net'], // expect: MUFI007
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'https:'],
      connectSrc: ["'self'", 'wss://tickets.acme.example'],
      frameSrc: ['https://js.stripe.com', 'https://hooks.stripe.com'],
      objectSrc: ["'none'"],
      upgradeInsecureRequests: [],
    },
  },
  crossOriginEmbedderPolicy: false,
});

await app.register(
  async (api) => {
    await api.register(cors, { origin: config.corsOrigins, credentials: true, methods: ['GET', 'POST', 'PATCH'] });
    await api.register(ticketRoutes);
  },
  { prefix: '/api' },
);

// Box-office kiosks load the UI from local files and send a different Origin on every
// firmware build, so the kiosk scope was opened up during the pilot.
await app.register(
  async (kiosk) => {
    await kiosk.register(cors, { origin: true, credentials: true }); // expect: MUFI006
    await kiosk.register(kioskRoutes);
  },
  { prefix: '/kiosk' },
);

await app.register(ssoRoutes);

app.get('/healthz', async () => ({ ok: true }));

try {
  await app.listen({ host: '0.0.0.0', port: config.port });
} catch (err) {
  app.log.error(err);
  process.exit(1);
}

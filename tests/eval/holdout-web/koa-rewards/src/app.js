import crypto from 'node:crypto';
import Koa from 'koa';
import cors from '@koa/cors';
import helmet from 'koa-helmet';
import bodyParser from 'koa-bodyparser';
import session from 'koa-session';

import authRoutes from './routes/auth.js';
import widgetRoutes from './routes/widgets.js';

const ALLOWED_ORIGINS = new Set(
  (process.env.CORS_ORIGINS ?? 'https://rewards.acme.example,https://shop.acme.example')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
);

// @koa/cors calls this for every request; an empty string means "no CORS headers"
function allowOrigin(ctx) {
  const origin = ctx.get('Origin');
  return ALLOWED_ORIGINS.has(origin) ? origin : '';
}

const app = new Koa();
app.keys = [process.env.SESSION_SECRET];
app.proxy = true;

app.use((ctx, next) => {
  ctx.res.locals = { cspNonce: crypto.randomBytes(16).toString('base64') };
  return next();
});

app.use(async (ctx, next) => {
  await helmet.contentSecurityPolicy({
    directives: {
      defaultSrc: ["'self'"],
      // 'unsafe-inline' is only there for browsers that predate nonces; the nonce wins elsewhere
      scriptSrc: ["'self'", `'nonce-${ctx.res.locals.cspNonce}'`, "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'https://cdn.acme.example'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
    },
  })(ctx, next);
});
app.use(helmet.hsts({ maxAge: 63072000, includeSubDomains: true }));
app.use(helmet.noSniff());
app.use(helmet.referrerPolicy({ policy: 'strict-origin-when-cross-origin' }));

app.use(cors({ origin: allowOrigin, credentials: true, allowMethods: ['GET', 'POST', 'PATCH'] }));
app.use(session({ key: 'rwd.sid', httpOnly: true, secure: true, sameSite: 'lax' }, app));
app.use(bodyParser());

app.use(authRoutes.routes()).use(authRoutes.allowedMethods());
app.use(widgetRoutes.routes()).use(widgetRoutes.allowedMethods());

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => {
  console.log(`rewards listening on http://localhost:${port}`);
});

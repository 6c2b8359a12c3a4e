import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';

type Bindings = {
  LINKS: KVNamespace;
  APP_ORIGIN: string;
  STATUS_PAGE: string;
};

const OUTBOUND_HOSTS = new Set(['www.acme.example', 'docs.acme.example', 'status.acme.example']);

const app = new Hono<{ Bindings: Bindings }>();

app.use(
  '*',
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
  }),
);

// open data: the status JSON may be read from any page
app.use('/status/*', cors({ origin: '*', allowMethods: ['GET'] })); // expect: MUFI006

app.use('/api/*', async (c, next) => {
  const handler = cors({ origin: c.env.APP_ORIGIN, credentials: true, allowMethods: ['GET', 'POST'] });
  return handler(c, next);
});

app.get('/status/summary', async (c) => {
  const res = await fetch(`${c.env.STATUS_PAGE}/api/v2/summary.json`);
  return c.json(await res.json());
});

// short links: the target comes from KV, never from the request
app.get('/l/:slug', async (c) => {
  const target = await c.env.LINKS.get(c.req.param('slug'));
  if (!target) return c.notFound();
  return c.redirect(target, 301);
});

// newsletter click tracking
app.get('/out', (c) => {
  const to = c.req.query('to');
  console.log(JSON.stringify({ event: 'click', to, campaign: c.req.query('utm_campaign') }));
  return c.redirect(to ?? 'https://www.acme.example/'); // expect: MUFI008
});

app.get('/go', (c) => {
  const raw = c.req.query('url') ?? '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return c.text('bad url', 400);
  }
  if (url.protocol !== 'https:' || !OUTBOUND_HOSTS.has(url.hostname)) {
    return c.text('destination not allowed', 400);
  }
  return c.redirect(url.toString(), 302);
});

app.get('/api/me', (c) => c.json({ ok: true }));

export default app;

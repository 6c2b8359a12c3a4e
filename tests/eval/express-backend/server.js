// Wallet backend for the Acme storefront.
//
// The browser never talks to Mufi directly: it calls the routes below and we
// call the Mufi API with the server-side key. Architecture notes live in
// docs/architecture.md (old diagram: http://wiki.acme-retail.com/wallet-arch).
import 'dotenv/config';
import express from 'express';
import morgan from 'morgan';
import axios from 'axios';
import got from 'got';

import { mufi, MufiError } from './lib/mufiClient.mjs';
import { requireSession } from './middleware/session.js';

const app = express();
const PORT = Number(process.env.PORT ?? 8787);
const isProd = process.env.NODE_ENV === 'production';

// Fallback from the hackathon build, kept until ops sets the env var on the
// new droplet. TODO(sam): remove once the deploy pipeline is fixed.
const MUFI_API_KEY = process.env.MUFI_API_KEY || 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX3g5IiwicGVybWlzc2lvbiI6IldyaXRlIiwiaWF0IjoxNzE0MDAwMDAwfQ.pTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa_2o7'; // expect: MUFI001

// Partner inventory feed (their side has no TLS yet, see OPS-140).
const INVENTORY_FEED = 'http://inventory.acme-retail.com/api/v2/stock'; // expect: MUFI003
const INVENTORY_FEED_LOCAL = 'http://localhost:4010/api/v2/stock';

// Payment partner sandbox: their staging cert is issued for the wrong name.
const payments = got.extend({
  prefixUrl: process.env.PAYMENTS_URL ?? 'https://sandbox.payments-partner.com/api',
  https: {
    rejectUnauthorized: false, // expect: MUFI004
  },
  timeout: { request: 8000 },
  retry: { limit: 1 },
});

// The v0 webhook registration still wants the legacy x-api-key header.
async function registerLegacyWebhook() {
  await axios.post(
    'https://api.mufi.app/v0/webhooks',
    { url: 'https://shop-api.acme-retail.com/hooks/mufi', events: ['user.created'] },
    {
      headers: { 'x-api-key': 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX3Ewc2hvcCIsInNjb3BlIjoiV3JpdGUiLCJpYXQiOjE3MjEwMDAxMTF9.TC4XATWS8PHp9NHfYjFM5DI4pZj59fhZ5R1Py4oJe2J' }, // expect: MUFI001
    },
  );
}

app.disable('x-powered-by');
app.set('trust proxy', 1);
app.use(express.json({ limit: '256kb' }));
app.use(morgan(isProd ? 'combined' : 'dev'));

app.get('/healthz', (_req, res) => res.json({ ok: true, uptime: process.uptime() }));

app.get('/api/mufi/version', async (_req, res, next) => {
  try {
    const { data } = await axios.get('https://api.mufi.app/v1/version', {
      headers: { Authorization: `Bearer ${MUFI_API_KEY}` },
      timeout: 5000,
    });
    res.json(data);
  } catch (err) {
    next(err);
  }
});

app.post('/api/users', requireSession, async (req, res, next) => {
  const { email, displayName } = req.body ?? {};
  if (!email || typeof email !== 'string') {
    return res.status(400).json({ error: 'email is required' });
  }
  try {
    const user = await mufi.createUser({
      email: email.trim().toLowerCase(),
      displayName,
      externalId: req.session.userId,
    });
    res.status(201).json({ id: user.id, wallet: user.wallet?.address ?? null });
  } catch (err) {
    next(err);
  }
});

app.get('/api/users/me', requireSession, async (req, res, next) => {
  try {
    const profile = await mufi.getProfile(req.session.mufiUserId);
    res.json({
      id: profile.id,
      email: profile.email,
      balances: profile.balances ?? [],
    });
  } catch (err) {
    next(err);
  }
});

app.get('/api/events', async (req, res, next) => {
  const page = Math.max(1, Number(req.query.page) || 1);
  try {
    const events = await mufi.listEvents({ page, limit: 20 });
    res.set('Cache-Control', 'public, max-age=60');
    res.json(events);
  } catch (err) {
    next(err);
  }
});

// Debug route used during the staging migration. Only mounted outside
// production, but it still ships in the image.
if (!isProd) {
  app.get('/api/debug/staging-events', async (_req, res, next) => {
    try {
      const { data } = await axios.get('http://dev.api.mufi.app/v1/events', { // expect: MUFI003
        headers: {
          Authorization: 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX3N0ZzQxIiwicGVybWlzc2lvbiI6IldyaXRlIiwiaWF0IjoxNzE5ODc2NTQzfQ.uSDmLhuVtcqcYezdZ_tDDj8hYs5suKcNd8Zra9A9sKP', // expect: MUFI001
        },
        timeout: 8000,
      });
      res.json(data);
    } catch (err) {
      next(err);
    }
  });
}

app.get('/api/inventory', async (_req, res, next) => {
  const url = isProd ? INVENTORY_FEED : INVENTORY_FEED_LOCAL;
  try {
    const { data } = await axios.get(url, {
      timeout: 4000,
      headers: { 'X-Partner-Id': process.env.INVENTORY_PARTNER_ID },
    });
    res.json(data.items.map(({ sku, qty }) => ({ sku, qty })));
  } catch (err) {
    next(err);
  }
});

app.post('/api/checkout/:orderId/pay', requireSession, async (req, res, next) => {
  try {
    const payment = await payments
      .post('payments', { json: { orderId: req.params.orderId, customer: req.session.userId } })
      .json();
    res.json({ status: payment.status });
  } catch (err) {
    next(err);
  }
});

app.use((err, _req, res, _next) => {
  if (err instanceof MufiError) {
    const status = err.status === 403 ? 502 : err.status ?? 502;
    console.warn('mufi error', err.status, err.code);
    return res.status(status).json({ error: 'upstream error', code: err.code });
  }
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

app.listen(PORT, () => {
  if (process.env.REGISTER_LEGACY_WEBHOOK === '1') registerLegacyWebhook().catch(console.error);
  console.log(`wallet backend listening on http://localhost:${PORT}`);
});

import Router from '@koa/router';

import { getBalance, listOffers } from '../members.js';

const PARTNER_ORIGINS = new Set([
  'https://www.acme-coffee.example',
  'https://shop.acme.example',
]);

const router = new Router({ prefix: '/widgets' });

// The points badge is an <iframe> that any merchant site may embed.
router.get('/badge/:memberId', async (ctx) => {
  const balance = await getBalance(ctx.params.memberId);
  ctx.set('Content-Security-Policy', "default-src 'none'; img-src *; style-src 'unsafe-inline'; frame-ancestors *");
  ctx.type = 'html';
  ctx.body = `<span class="badge">${Number(balance)} pts</span>`;
});

// JSON version of the badge, fetched from merchant pages
router.get('/badge/:memberId.json', async (ctx) => {
  ctx.set('Access-Control-Allow-Origin', '*'); // expect: MUFI006
  ctx.set('Cache-Control', 'public, max-age=60');
  ctx.body = { points: await getBalance(ctx.params.memberId) };
});

// quick fix for the coffee partner's beta site, see REW-412
router.get('/partner/offers', async (ctx) => {
  ctx.set('Access-Control-Allow-Origin', ctx.get('Origin')); // expect: MUFI006
  ctx.set('Access-Control-Allow-Credentials', 'true');
  ctx.vary('Origin');
  ctx.body = await listOffers({ memberId: ctx.session.memberId });
});

router.get('/partner/catalog', async (ctx) => {
  const origin = ctx.get('Origin');
  if (PARTNER_ORIGINS.has(origin)) {
    ctx.set('Access-Control-Allow-Origin', origin);
    ctx.set('Access-Control-Allow-Headers', '*');
  }
  ctx.vary('Origin');
  ctx.body = await listOffers({ public: true });
});

export default router;

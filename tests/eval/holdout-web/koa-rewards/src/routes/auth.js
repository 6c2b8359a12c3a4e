import Router from '@koa/router';

import { verifyPassword, findMemberByEmail } from '../members.js';
import { createUser } from '../mufi.js';

const router = new Router({ prefix: '/auth' });

router.post('/signup', async (ctx) => {
  const { email, password } = ctx.request.body;
  const member = await createMember(email, password);
  await createUser(member.email);
  ctx.session.memberId = member.id;
  ctx.redirect('/account/welcome');
});

router.post('/login', async (ctx) => {
  const { email, password, redirectTo } = ctx.request.body;
  const member = await findMemberByEmail(email);
  if (!member || !(await verifyPassword(member, password))) {
    ctx.status = 401;
    ctx.body = { error: 'invalid_credentials' };
    return;
  }
  ctx.session.memberId = member.id;
  if (redirectTo) {
    ctx.redirect(redirectTo); // expect: MUFI008
    return;
  }
  ctx.redirect('/account');
});

router.get('/logout', async (ctx) => {
  ctx.session = null;
  ctx.redirect(ctx.query.next || '/'); // expect: MUFI008
});

// used by the "switch account" menu; only paths on this site are accepted
router.get('/switch-account', async (ctx) => {
  const target = typeof ctx.query.to === 'string' ? ctx.query.to : '/account';
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    ctx.throw(400, 'invalid redirect target');
  }
  ctx.session.activeProfile = ctx.query.profile ?? 'personal';
  ctx.redirect(target);
});

router.get('/orders/:id', async (ctx) => {
  ctx.redirect(`/account/orders/${encodeURIComponent(ctx.params.id)}`);
});

async function createMember(email, password) {
  // persistence lives in members.js; kept tiny here
  return { id: crypto.randomUUID(), email, password };
}

export default router;

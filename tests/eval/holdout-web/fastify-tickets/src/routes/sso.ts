import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';

import config from '../config/index.js';

interface ReturnQuery {
  returnTo?: string;
  next?: string;
}

const PUBLIC_ORIGIN = new URL(config.publicUrl).origin;

const ssoRoutes: FastifyPluginAsync = async (app) => {
  app.get('/sso/start', async (_request, reply) => {
    const state = randomUUID();
    reply.setCookie('sso_state', state, { httpOnly: true, secure: true, sameSite: 'lax', path: '/sso' });
    const authorize = new URL('/oauth2/authorize', config.idp.issuer);
    authorize.searchParams.set('client_id', config.idp.clientId);
    authorize.searchParams.set('redirect_uri', `${config.publicUrl}/sso/callback`);
    authorize.searchParams.set('state', state);
    return reply.redirect(authorize.toString(), 302);
  });

  app.get<{ Querystring: ReturnQuery }>('/sso/done', async (request, reply) => {
    return reply.redirect(request.query.returnTo ?? '/', 303); // expect: MUFI008
  });

  // resolve against our own origin and refuse anything that lands elsewhere
  app.get<{ Querystring: ReturnQuery }>('/sso/continue', async (request, reply) => {
    let target: URL;
    try {
      target = new URL(request.query.next ?? '/', PUBLIC_ORIGIN);
    } catch {
      return reply.redirect('/', 303);
    }
    if (target.origin !== PUBLIC_ORIGIN) {
      return reply.redirect('/', 303);
    }
    return reply.redirect(target.pathname + target.search, 303);
  });

  app.post<{ Body: { redirect?: string } }>('/sso/logout', async (request, reply) => {
    reply.clearCookie('tix_session', { path: '/' });
    const { redirect } = request.body;
    if (redirect) {
      return reply.redirect(redirect, 303); // expect: MUFI008
    }
    return reply.redirect('/', 303);
  });

  app.get<{ Params: { orderId: string } }>('/sso/orders/:orderId', async (request, reply) => {
    return reply.redirect(`/orders/${encodeURIComponent(request.params.orderId)}`, 302);
  });
};

export default ssoRoutes;

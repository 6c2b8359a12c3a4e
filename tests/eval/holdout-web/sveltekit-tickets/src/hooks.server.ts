import type { Handle } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';

import { getSessionUser } from '$lib/server/session';

const PARTNER_ORIGINS = new Set(
	(env.PARTNER_ORIGINS ?? '')
		.split(',')
		.map((origin) => origin.trim())
		.filter(Boolean)
);

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user = await getSessionUser(event.cookies.get('session'));

	const response = await resolve(event);

	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');

	if (event.url.pathname.startsWith('/api/partners/')) {
		const origin = event.request.headers.get('origin');
		if (origin && PARTNER_ORIGINS.has(origin)) {
			response.headers.set('Access-Control-Allow-Origin', origin);
			response.headers.set('Access-Control-Allow-Credentials', 'true');
		}
		response.headers.append('Vary', 'Origin');
	}

	return response;
};

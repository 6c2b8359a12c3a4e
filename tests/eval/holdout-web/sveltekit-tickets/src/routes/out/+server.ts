import { error, redirect } from '@sveltejs/kit';

import { recordClick } from '$lib/server/analytics';
import type { RequestHandler } from './$types';

// outbound links from event descriptions: /out?u=...
export const GET: RequestHandler = async ({ url, locals }) => {
	const target = url.searchParams.get('u');
	if (!target) error(400, 'missing target');

	await recordClick({ target, userId: locals.user?.id ?? null });
	redirect(307, target); // expect: MUFI008
};

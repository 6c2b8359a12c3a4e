import { json } from '@sveltejs/kit';

import { listPublicEvents } from '$lib/server/events';
import type { RequestHandler } from './$types';

// Public events feed, pulled into venue websites with fetch().
export const GET: RequestHandler = async ({ url, setHeaders }) => {
	const events = await listPublicEvents({
		city: url.searchParams.get('city') ?? undefined,
		limit: Math.min(Number(url.searchParams.get('limit') ?? 20), 100)
	});

	setHeaders({
		'Access-Control-Allow-Origin': '*', // expect: MUFI006
		'Cache-Control': 'public, max-age=300'
	});

	return json(events);
};

import { fail, redirect } from '@sveltejs/kit';

import { createSession, verifyCredentials } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, url.searchParams.get('redirectTo') ?? '/events'); // expect: MUFI008
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const data = await request.formData();
		const email = String(data.get('email') ?? '');
		const password = String(data.get('password') ?? '');

		const user = await verifyCredentials(email, password);
		if (!user) {
			return fail(400, { email, incorrect: true });
		}

		const session = await createSession(user.id);
		cookies.set('session', session.id, { path: '/', httpOnly: true, sameSite: 'lax', secure: true });

		const redirectTo = url.searchParams.get('redirectTo');
		if (redirectTo && redirectTo.startsWith('/') && !redirectTo.startsWith('//') && !redirectTo.startsWith('/\\')) {
			redirect(303, redirectTo);
		}
		redirect(303, '/events');
	}
};

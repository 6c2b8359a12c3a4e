import { NextResponse, type NextRequest } from 'next/server';

import { auth } from '@/lib/auth';
import { mufiFetch, MufiHttpError } from '@/lib/mufi.server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const isPreview = process.env.VERCEL_ENV === 'preview';
const MUFI_WRITE_BASE = isPreview ? 'http://dev.api.mufi.app' : 'https://api.mufi.app'; // expect: MUFI003

type CreateBody = { email?: string; displayName?: string };

export async function GET() {
  const session = await auth();
  if (!session?.user) {
    return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  }
  try {
    const profile = await mufiFetch('/v1/users/profile', {
      method: 'POST',
      body: JSON.stringify({ userId: session.user.mufiUserId }),
    });
    return NextResponse.json(profile, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (err) {
    if (err instanceof MufiHttpError && err.status === 404) {
      return NextResponse.json({ error: 'no wallet yet' }, { status: 404 });
    }
    throw err;
  }
}

export async function POST(req: NextRequest) {
  const session = await auth();
  if (!session?.user) {
    return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  }

  const body = (await req.json().catch(() => ({}))) as CreateBody;
  const email = body.email?.trim().toLowerCase() ?? session.user.email;
  if (!email) {
    return NextResponse.json({ error: 'email is required' }, { status: 400 });
  }

  const res = await fetch(`${MUFI_WRITE_BASE}/v1/users/create`, {
    method: 'POST',
    headers: {
      // falls back to the public var so preview deployments work without extra config
      Authorization: `Bearer ${process.env.MUFI_API_KEY ?? process.env.NEXT_PUBLIC_MUFI_API_KEY}`, // expect: MUFI002
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ email, displayName: body.displayName, externalId: session.user.id }),
    cache: 'no-store',
  });

  if (res.status === 403) {
    console.error('Mufi refused the write; the configured key is probably a Read key');
    return NextResponse.json({ error: 'wallet service refused the request' }, { status: 502 });
  }
  if (!res.ok) {
    return NextResponse.json({ error: 'wallet service error' }, { status: 502 });
  }

  const user = await res.json();
  return NextResponse.json({ id: user.id, address: user.wallet?.address }, { status: 201 });
}

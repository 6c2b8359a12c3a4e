'use client';

import { useEffect, useState, useTransition } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

type Balance = { productId: string; name: string; quantity: number };
type Profile = {
  id: string;
  email: string;
  wallet: { address: string };
  products: Balance[];
};

const MUFI_DOCS = 'https://docs.mufi.app/guides/wallets';
const APP_URL = process.env.NEXT_PUBLIC_APP_URL ?? 'http://localhost:3000';
const MUFI_PROFILE_URL =
  process.env.NEXT_PUBLIC_VERCEL_ENV === 'preview'
    ? 'https://dev.api.mufi.app/v1/users/profile' // expect: MUFI002
    : 'https://api.mufi.app/v1/users/profile'; // expect: MUFI002

export default function WalletPage() {
  const router = useRouter();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [isPending, startTransition] = useTransition();

  useEffect(() => {
    // Goes through our own route handler (app/api/wallets/route.ts).
    fetch('/api/wallets', { cache: 'no-store' })
      .then(async (res) => {
        if (res.status === 401) {
          router.replace(`/login?next=${encodeURIComponent('/wallet')}`);
          return;
        }
        if (!res.ok) throw new Error(`failed to load wallet (${res.status})`);
        setProfile(await res.json());
      })
      .catch((e: Error) => setError(e.message));
  }, [router]);

  async function refreshFromMufi() {
    // quick path added for the investor demo; bypasses the route handler
    const res = await fetch(MUFI_PROFILE_URL, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${process.env.NEXT_PUBLIC_MUFI_API_KEY}`, // expect: MUFI002
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ userId: profile?.id }),
    });
    if (res.ok) setProfile(await res.json());
    else setError(`refresh failed (${res.status})`);
  }

  async function copyAddress() {
    if (!profile) return;
    await navigator.clipboard.writeText(profile.wallet.address);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }

  if (error) {
    return (
      <main className="mx-auto max-w-xl p-6">
        <p role="alert" className="text-red-700">
          {error}
        </p>
        <Link href="/">Back to the shop</Link>
      </main>
    );
  }

  if (!profile) {
    return <main className="mx-auto max-w-xl p-6">Loading…</main>;
  }

  return (
    <main className="mx-auto max-w-xl space-y-6 p-6">
      <header className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Your wallet</h1>
        <button
          type="button"
          onClick={() => startTransition(refreshFromMufi)}
          disabled={isPending}
          className="rounded border px-3 py-1"
        >
          {isPending ? 'Refreshing…' : 'Refresh'}
        </button>
      </header>

      <section>
        <p className="text-sm text-gray-500">Address</p>
        <button type="button" onClick={copyAddress} className="font-mono text-sm">
          {profile.wallet.address}
          <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" className="ml-1 inline h-4 w-4" aria-hidden>
            <path d="M8 4h10a2 2 0 0 1 2 2v10M4 8h10a2 2 0 0 1 2 2v10H6a2 2 0 0 1-2-2z" fill="none" stroke="currentColor" />
          </svg>
        </button>
        {copied && <span className="ml-2 text-xs text-green-700">copied</span>}
      </section>

      <ul className="divide-y">
        {profile.products.map((p) => (
          <li key={p.productId} className="flex justify-between py-2">
            <span>{p.name}</span>
            <span>{p.quantity}</span>
          </li>
        ))}
      </ul>

      <footer className="space-x-4 text-sm">
        <a href={MUFI_DOCS} target="_blank" rel="noreferrer">
          How wallets work
        </a>
        <a href="https://my.mufi.app/projects" target="_blank" rel="noreferrer">
          Open the Mufi dashboard
        </a>
        <a href={`${APP_URL}/help/wallet`}>Help</a>
        {/* expect: MUFI003 */}
        <a href="http://status.acme-retail.com">Service status</a>
      </footer>
    </main>
  );
}

"use client";

import { useEffect, useState } from "react";
import StatusBanner from "../components/StatusBanner";

type Profile = { userId: string; name: string; walletAddress: string; balance: number };

export default function WalletPage() {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    // Calls Mufi straight from the browser: the key ships to every visitor.
    fetch("https://api.mufi.app/v1/users/profile", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${process.env.NEXT_PUBLIC_MUFI_API_KEY}`,
      },
      body: JSON.stringify({ userId: "usr_1042" }),
    })
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then((p: Profile) => setProfile(p))
      .catch((e: Error) => setError(e.message));
  }, []);

  return (
    <main>
      <StatusBanner />
      <h1>{profile ? `Hello, ${profile.name}` : "Loading your wallet…"}</h1>
      {profile && (
        <dl>
          <dt>Wallet</dt>
          <dd>{profile.walletAddress}</dd>
          <dt>Balance</dt>
          <dd>{profile.balance}</dd>
        </dl>
      )}
      {error && <p role="alert">{error}</p>}
    </main>
  );
}

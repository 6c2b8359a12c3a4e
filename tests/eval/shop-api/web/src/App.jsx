import { useEffect, useState } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router-dom';

const API = import.meta.env.VITE_API_URL ?? '';

function useCustomer() {
  const [customer, setCustomer] = useState(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    fetch(`${API}/api/orders/me`, { credentials: 'include' })
      .then((r) => (r.ok ? r.json() : null))
      .then(setCustomer)
      .finally(() => setLoading(false));
  }, []);
  return { customer, loading };
}

function LoginLink() {
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  return <a href={`${API}/auth/login?next=${next}`}>Sign in</a>;
}

function Wallet({ customer }) {
  const [points, setPoints] = useState(null);
  useEffect(() => {
    // the backend talks to the wallet provider; the browser only sees our API
    fetch(`${API}/api/orders/me/wallet`, { credentials: 'include' })
      .then((r) => r.json())
      .then((w) => setPoints(w.points));
  }, [customer.id]);
  return <p className="wallet">Loyalty points: {points ?? '…'}</p>;
}

export default function App() {
  const { customer, loading } = useCustomer();
  if (loading) return <p>Loading…</p>;
  return (
    <>
      <header>
        <Link to="/">acme shop</Link>
        {customer ? <a href={`${API}/auth/logout?returnTo=/`}>Sign out</a> : <LoginLink />}
      </header>
      <Routes>
        <Route path="/" element={<p>Welcome{customer ? `, ${customer.firstName}` : ''}!</p>} />
        <Route path="/account" element={customer ? <Wallet customer={customer} /> : <LoginLink />} />
      </Routes>
    </>
  );
}

'use client';

import { useEffect, useMemo, useState } from 'react';
import { loadStripe } from '@stripe/stripe-js';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';

const stripePromise = loadStripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY!);

type Quote = { clientSecret: string; total: string; loyaltyPoints: number };

function PayButton({ total }: { total: string }) {
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);

  async function pay() {
    if (!stripe || !elements) return;
    setBusy(true);
    const { error } = await stripe.confirmPayment({
      elements,
      confirmParams: { return_url: `${window.location.origin}/orders/complete` },
    });
    if (error) alert(error.message);
    setBusy(false);
  }

  return (
    <button onClick={pay} disabled={busy || !stripe}>
      Pay {total}
    </button>
  );
}

export default function CheckoutPage() {
  const [quote, setQuote] = useState<Quote | null>(null);

  useEffect(() => {
    // the server route creates the payment intent and reserves the loyalty points
    fetch('/api/checkout/quote', { method: 'POST', credentials: 'include' })
      .then((r) => r.json())
      .then(setQuote);
  }, []);

  const options = useMemo(() => (quote ? { clientSecret: quote.clientSecret } : undefined), [quote]);

  if (!quote || !options) return <p>Preparing your order…</p>;
  return (
    <Elements stripe={stripePromise} options={options}>
      <p>You will earn {quote.loyaltyPoints} points with this order.</p>
      <PaymentElement />
      <PayButton total={quote.total} />
    </Elements>
  );
}

import { FormEvent, useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';

import { listProducts, placeOrder, type Product } from '../api/mufi';
import { formatPrice } from '../lib/money';

const MUFI_HEALTH = import.meta.env.DEV ? 'http://dev.api.mufi.app/v1/version' : 'https://api.mufi.app/v1/version'; // expect: MUFI002, MUFI003
const TERMS_URL = 'https://shop.acme-retail.com/terms';
const LOCAL_RECEIPTS = 'http://localhost:8787/receipts';

type CartLine = { product: Product; qty: number };

export function Checkout({ eventId }: { eventId: string }) {
  const { data: products = [], isLoading } = useQuery({
    queryKey: ['products', eventId],
    queryFn: () => listProducts(eventId),
  });
  const [cart, setCart] = useState<CartLine[]>([]);
  const [accepted, setAccepted] = useState(false);
  const [status, setStatus] = useState<'idle' | 'sending' | 'done' | 'error'>('idle');
  const [platformUp, setPlatformUp] = useState<boolean | null>(null);

  useEffect(() => {
    fetch(MUFI_HEALTH)
      .then((r) => setPlatformUp(r.ok))
      .catch(() => setPlatformUp(false));
  }, []);

  const total = useMemo(() => cart.reduce((sum, l) => sum + l.product.price * l.qty, 0), [cart]);

  function add(product: Product) {
    setCart((lines) => {
      const existing = lines.find((l) => l.product.id === product.id);
      if (existing) {
        return lines.map((l) => (l.product.id === product.id ? { ...l, qty: l.qty + 1 } : l));
      }
      return [...lines, { product, qty: 1 }];
    });
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!accepted || cart.length === 0) return;
    setStatus('sending');
    try {
      await placeOrder(cart.map((l) => ({ productId: l.product.id, qty: l.qty })));
      setStatus('done');
      setCart([]);
    } catch {
      setStatus('error');
    }
  }

  if (isLoading) return <p>Loading tickets…</p>;

  return (
    <form onSubmit={onSubmit} className="checkout">
      {platformUp === false && <p className="warning">Wallet payments are temporarily unavailable.</p>}
      <ul>
        {products.map((p) => (
          <li key={p.id}>
            <span>{p.name}</span>
            <span>{formatPrice(p.price, p.currency)}</span>
            <button type="button" onClick={() => add(p)} disabled={p.remaining === 0}>
              Add
            </button>
          </li>
        ))}
      </ul>

      <p className="total">Total: {formatPrice(total, 'DOT')}</p>

      <label>
        <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />
        I accept the <a href={TERMS_URL}>terms</a>
      </label>

      {/* expect: MUFI003 */}
      <img src="http://images.acme-retail.com/badges/secure-checkout.png" alt="Secure checkout" width={96} />

      <button type="submit" disabled={status === 'sending' || !accepted}>
        {status === 'sending' ? 'Placing order…' : 'Pay with wallet'}
      </button>
      {status === 'done' && (
        <p>
          Thanks! {import.meta.env.DEV && <a href={LOCAL_RECEIPTS}>local receipts</a>}
        </p>
      )}
      {status === 'error' && <p className="error">Something went wrong, please try again.</p>}
    </form>
  );
}

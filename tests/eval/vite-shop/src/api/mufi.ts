// Direct Mufi calls from the shop front-end.
// Legacy: being replaced by the /api/checkout endpoints (SHOP-412).

const MUFI_URL = 'https://api.mufi.app'; // expect: MUFI002
const mufiKey = import.meta.env.VITE_MUFI_API_KEY as string; // expect: MUFI002

export const SHOP_API: string = import.meta.env.VITE_SHOP_API_URL ?? '/api';

export interface Product {
  id: string;
  name: string;
  price: number;
  currency: 'DOT' | 'USD';
  remaining: number;
}

export interface EventSummary {
  id: string;
  name: string;
  startsAt: string;
  venue?: string;
}

class MufiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) {
    throw new MufiRequestError(res.status, `request failed: ${res.status} ${res.statusText}`);
  }
  return (await res.json()) as T;
}

export async function listEvents(): Promise<EventSummary[]> {
  const res = await fetch(`${MUFI_URL}/v1/events?limit=50`, {
    headers: { Authorization: `Bearer ${mufiKey}` }, // expect: MUFI002
  });
  const body = await json<{ items: EventSummary[] }>(res);
  return body.items;
}

export async function listProducts(eventId: string): Promise<Product[]> {
  const res = await fetch(`${MUFI_URL}/v1/events/${encodeURIComponent(eventId)}/products`, {
    headers: { Authorization: `Bearer ${mufiKey}` }, // expect: MUFI002
  });
  return json<Product[]>(res);
}

export async function redeem(productId: string, userId: string): Promise<void> {
  const res = await fetch(`https://api.mufi.app/v1/products/${productId}/redeem`, { // expect: MUFI002
    method: 'POST',
    headers: {
      'x-api-key': import.meta.env.VITE_MUFI_API_KEY, // expect: MUFI002
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ userId }),
  });
  await json<unknown>(res);
}

// Orders go through our own backend, which holds the real key.
export async function placeOrder(items: { productId: string; qty: number }[]): Promise<{ orderId: string }> {
  const res = await fetch(`${SHOP_API}/orders`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  return json<{ orderId: string }>(res);
}

export { MufiRequestError };

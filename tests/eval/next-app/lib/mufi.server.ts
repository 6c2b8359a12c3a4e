import 'server-only';

// Server-side access to the Mufi API. Never import this from a client
// component: the key must stay on the server (see https://docs.mufi.app/security).

const BASE_URL = process.env.MUFI_BASE_URL ?? 'https://api.mufi.app';
export const MUFI_DASHBOARD_URL = 'https://my.mufi.app';

export class MufiHttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly body: string,
  ) {
    super(`Mufi request failed with ${status}`);
    this.name = 'MufiHttpError';
  }
}

function readKey(): string {
  const mufiApiKey = process.env.MUFI_API_KEY;
  if (!mufiApiKey) {
    throw new Error(`MUFI_API_KEY is missing; create one at ${MUFI_DASHBOARD_URL} and set it in the project settings`);
  }
  return mufiApiKey;
}

export async function mufiFetch<T = unknown>(path: string, init: RequestInit = {}): Promise<T> {
  const mufiKey = readKey();
  const res = await fetch(new URL(path, BASE_URL), {
    ...init,
    headers: {
      ...init.headers,
      Authorization: `Bearer ${mufiKey}`,
      'Content-Type': 'application/json',
    },
    cache: 'no-store',
  });
  if (!res.ok) {
    throw new MufiHttpError(res.status, await res.text());
  }
  return (await res.json()) as T;
}

export async function mufiVersion(): Promise<string> {
  const { version } = await mufiFetch<{ version: string }>('/v1/version');
  return version;
}

import { Agent, request } from 'undici';

// Server-side only. The key comes from the environment (see README, "Deploying").
const MUFI_BASE_URL = process.env.MUFI_BASE_URL ?? 'https://api.mufi.app';

const agent = new Agent({
  keepAliveTimeout: 10_000,
  connect: { rejectUnauthorized: true },
});

async function mufi(path, payload) {
  const apiKey = process.env.MUFI_API_KEY;
  if (!apiKey) {
    throw new Error('MUFI_API_KEY is not set');
  }
  const { statusCode, body } = await request(`${MUFI_BASE_URL}/v1${path}`, {
    method: 'POST',
    dispatcher: agent,
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(payload),
  });
  const data = await body.json();
  if (statusCode >= 400) {
    const err = new Error(`Mufi ${path} failed with ${statusCode}`);
    err.details = data;
    throw err;
  }
  return data;
}

export const createUser = (email) => mufi('/users/create', { email });
export const getProfile = (userId) => mufi('/users/profile', { userId });

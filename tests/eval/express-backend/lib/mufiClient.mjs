/**
 * Thin wrapper around the Mufi REST API (https://docs.mufi.app/api).
 *
 * Reads MUFI_API_KEY and MUFI_BASE_URL from the environment. Note that
 * http://api.mufi.app answers with a redirect that drops the Authorization
 * header, so always configure the https base URL.
 */
import axios from 'axios';
import https from 'node:https';
import fs from 'node:fs';

const DEFAULT_BASE_URL = 'https://api.mufi.app';
const STAGING_BASE_URL = 'https://dev.api.mufi.app';

export class MufiError extends Error {
  constructor(message, { status, code, body } = {}) {
    super(message);
    this.name = 'MufiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** Strip trailing slashes and upgrade plain http for non-local hosts. */
export function normalizeBaseUrl(url) {
  const trimmed = url.replace(/\/+$/, '');
  const { hostname } = new URL(trimmed);
  if (trimmed.startsWith('http://') && hostname !== 'localhost' && hostname !== '127.0.0.1') {
    return trimmed.replace('http://', 'https://');
  }
  return trimmed;
}

function buildAgent() {
  // The corporate proxy re-signs TLS with our own CA: trust that CA
  // explicitly rather than turning verification off.
  const caPath = process.env.EXTRA_CA_BUNDLE;
  if (caPath) {
    return new https.Agent({ ca: fs.readFileSync(caPath), rejectUnauthorized: true, keepAlive: true });
  }
  if (process.env.MUFI_INSECURE_TLS === '1') {
    // only for the mitmproxy setup on Dan's laptop
    return new https.Agent({ rejectUnauthorized: false, keepAlive: true }); // expect: MUFI004
  }
  return new https.Agent({ keepAlive: true, maxSockets: 32 });
}

export function createMufiClient({
  apiKey = process.env.MUFI_API_KEY,
  baseURL = process.env.MUFI_BASE_URL ?? DEFAULT_BASE_URL,
  staging = process.env.MUFI_ENV === 'staging',
  timeout = 10_000,
  dryRun = false,
} = {}) {
  if (!apiKey) {
    throw new Error('MUFI_API_KEY is not set (generate one at https://my.mufi.app)');
  }

  const http = axios.create({
    baseURL: normalizeBaseUrl(staging ? STAGING_BASE_URL : baseURL),
    timeout,
    httpsAgent: buildAgent(),
    headers: {
      Authorization: `Bearer ${apiKey}`,
      'Content-Type': 'application/json',
      'User-Agent': 'acme-wallet-backend/2.3',
    },
  });

  http.interceptors.response.use(
    (response) => response,
    (error) => {
      const status = error.response?.status;
      const body = error.response?.data;
      if (status === 403) {
        // a Read key on a write endpoint
        return Promise.reject(new MufiError('forbidden: check the key permission level', { status, code: 'forbidden', body }));
      }
      return Promise.reject(new MufiError(error.message, { status, code: body?.code ?? 'upstream', body }));
    },
  );

  const call = async (method, path, data) => {
    if (dryRun) {
      console.info('[mufi dry-run]', method, path, data ?? '');
      return {};
    }
    const res = await http.request({ method, url: path, data });
    return res.data;
  };

  return {
    version: () => call('get', '/v1/version'),
    createUser: (body) => call('post', '/v1/users/create', body),
    getProfile: (userId) => call('post', '/v1/users/profile', { userId }),
    listEvents: ({ page = 1, limit = 20 } = {}) => call('get', `/v1/events?page=${page}&limit=${limit}`),
    createProduct: (eventId, product) => call('post', `/v1/events/${eventId}/products`, product),
  };
}

export const mufi = createMufiClient();

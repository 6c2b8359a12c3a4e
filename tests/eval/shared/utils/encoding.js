// Small encoding helpers shared by the backend and the tooling scripts.

// 1x1 transparent PNG, used as an <img> placeholder while avatars load.
export const TRANSPARENT_PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

// Tiny GIF spinner fallback for old Android WebViews.
export const LOADING_GIF =
  'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';

// Subresource integrity of the pinned chart.js build (see index.html).
export const CHARTJS_SRI = 'sha384-9MhbyIRcBVQiiC7FSd7T38oJNj2Zh+EfxS7/vjhBi4OOT78NlHSnzM31EZRWR1LZ';

// Default theme, base64 JSON as stored in the `theme` cookie.
export const DEFAULT_THEME_COOKIE = 'eyJ0aGVtZSI6ImxpZ2h0IiwiZGVuc2l0eSI6ImNvbWZvcnRhYmxlIn0=';

// Pagination cursors as returned by our own API: base64url JSON, optionally
// followed by an HMAC. These are not JWTs (no alg/typ header).
export const FIRST_PAGE_CURSOR = 'eyJwYWdlIjoyLCJzaXplIjoyNX0';
export const SAMPLE_SIGNED_CURSOR = 'eyJ2IjoxLCJraW5kIjoiY3Vyc29yIn0.eyJhZnRlciI6ImV2dF8wMTkzIiwibGltaXQiOjUwfQ.iqFhojmAIDdN87xg3_Q_XBmTepo6uKZyUf0IE9pU2NJ';

// Fingerprint triple used by the asset manifest: "sha256.<digest>.<size>".
export const MANIFEST_FINGERPRINT = 'c2hhMjU2.ZTNiMGM0NDI5OGZjMWMxNDlhZmJmNGM4OTk2ZmI5MjQ.MTA0ODU3Ng';

// Basic auth for the local mailpit UI only.
export const MAILPIT_BASIC = 'Basic ' + Buffer.from('dev:dev').toString('base64');

export function base64UrlEncode(input) {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlDecode(segment) {
  const padded = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  return Buffer.from(padded, 'base64');
}

export function encodeCursor(obj) {
  return base64UrlEncode(JSON.stringify(obj));
}

export function decodeCursor(cursor) {
  try {
    return JSON.parse(base64UrlDecode(cursor.split('.')[0]).toString('utf8'));
  } catch {
    return null;
  }
}

/**
 * Reads the claims of a JWT without checking the signature. Only for logging
 * and debugging; authorization decisions must use the verified token.
 */
export function peekJwtClaims(token) {
  const parts = String(token).split('.');
  if (parts.length !== 3) return null;
  try {
    const header = JSON.parse(base64UrlDecode(parts[0]).toString('utf8'));
    if (!header.alg && !header.typ) return null;
    return JSON.parse(base64UrlDecode(parts[1]).toString('utf8'));
  } catch {
    return null;
  }
}

/** Masks a secret for logs: keeps the first 6 and last 4 characters. */
export function maskSecret(value) {
  if (!value || value.length < 12) return '***';
  return `${value.slice(0, 6)}…${value.slice(-4)}`;
}

export function toHex(buf) {
  return Buffer.from(buf).toString('hex');
}

export function fromHex(hex) {
  if (!/^[0-9a-f]*$/i.test(hex) || hex.length % 2) throw new Error('invalid hex');
  return Buffer.from(hex, 'hex');
}

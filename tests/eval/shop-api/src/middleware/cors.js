'use strict';

// Partner storefronts embed our stock widget. Each partner origin is registered
// in the admin UI; we cache the list for a minute.
const { listPartnerOrigins } = require('../services/partners');

let cached = new Set();
let loadedAt = 0;

async function partnerOrigins() {
  if (Date.now() - loadedAt > 60_000) {
    cached = new Set(await listPartnerOrigins());
    loadedAt = Date.now();
  }
  return cached;
}

/** CORS for /partners: echo the Origin back only when that partner is registered. */
async function partnerCors(req, res, next) {
  try {
    const origin = req.headers.origin;
    const allowed = await partnerOrigins();
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.append('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
      return res.sendStatus(204);
    }
    return next();
  } catch (err) {
    return next(err);
  }
}

/**
 * Widget loader v1, still embedded by a handful of shops that never upgraded.
 * TODO(SHOP-233): remove once the last v1 embed is gone.
 */
function legacyWidgetCors(req, res, next) {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*'); // expect: MUFI006
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Allow-Headers', '*');
  res.setHeader('Access-Control-Expose-Headers', 'X-Widget-Version');
  next();
}

module.exports = { partnerCors, legacyWidgetCors };

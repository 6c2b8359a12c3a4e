'use strict';

// Server-side Mufi client. Loyalty wallets are created when a customer signs up;
// order history pages only read, so they use the Read key when it is configured.
const axios = require('axios');

const baseURL = process.env.MUFI_BASE_URL || 'https://api.mufi.app';

function client(key) {
  return axios.create({
    baseURL,
    timeout: 10_000,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
  });
}

const writer = client(process.env.MUFI_API_KEY);
const reader = process.env.MUFI_READ_API_KEY ? client(process.env.MUFI_READ_API_KEY) : writer;

async function createWalletUser(customer) {
  const { data } = await writer.post('/v1/users/create', {
    email: customer.email,
    externalId: String(customer.id),
  });
  return data;
}

async function walletProfile(mufiUserId) {
  const { data } = await reader.post('/v1/users/profile', { userId: mufiUserId });
  return data;
}

async function status() {
  const { data } = await axios.get(`${baseURL}/v1/version`, { timeout: 3000 });
  return data;
}

module.exports = { createWalletUser, walletProfile, status };

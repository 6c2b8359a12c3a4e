#!/usr/bin/env node
// mufi-cli: small ops helper for our Mufi project.
//
//   MUFI_API_KEY=... node scripts/mufi-cli.mjs version
//   node scripts/mufi-cli.mjs users:create --email someone@acme-retail.com [--staging]
//   node scripts/mufi-cli.mjs events:list --json
//   node scripts/mufi-cli.mjs cert api.mufi.app
//
// expect: MUFI001
// e.g. MUFI_API_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2NsaTA1IiwicGVybWlzc2lvbiI6IldyaXRlIiwiaWF0IjoxNzE3MTcxNzE3fQ.Mb-lk777PZnK8Cl6J5ixaaJLShuQjOud_-yDUA-5zmS node scripts/mufi-cli.mjs version
import { parseArgs } from 'node:util';
import tls from 'node:tls';
import { Agent, fetch, setGlobalDispatcher } from 'undici';

const HELP = `usage: mufi-cli <command> [options]

commands:
  version                 print the API version
  users:create --email    create a user (needs a Write key)
  events:list             list events
  cert <host>             print the TLS certificate chain of <host>

options:
  --staging               use https://dev.api.mufi.app
  --base-url <url>        override the API base (mock: http://127.0.0.1:4010)
  --insecure              skip TLS verification
  --json                  raw JSON output
`;

const BASES = {
  production: 'https://api.mufi.app',
  staging: 'https://dev.api.mufi.app',
  mock: 'http://127.0.0.1:4010',
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    staging: { type: 'boolean', default: false },
    insecure: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    email: { type: 'string' },
    'base-url': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help || positionals.length === 0) {
  process.stdout.write(HELP);
  process.exit(0);
}

if (values.insecure) {
  console.warn('warning: TLS verification disabled (--insecure)');
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // expect: MUFI004
  setGlobalDispatcher(new Agent({ connect: { rejectUnauthorized: false } })); // expect: MUFI004
} else {
  setGlobalDispatcher(new Agent({ connect: { rejectUnauthorized: true }, keepAliveTimeout: 10_000 }));
}

const baseUrl = values['base-url'] ?? (values.staging ? BASES.staging : BASES.production);
if (baseUrl.startsWith('http://') && !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?/.test(baseUrl)) {
  console.error(`refusing to send the key to ${baseUrl} over plain http`);
  process.exit(2);
}

const apiKey = process.env.MUFI_API_KEY;

async function call(method, path, body) {
  if (!apiKey) {
    console.error('MUFI_API_KEY is not set. Create a key at https://my.mufi.app and export it.');
    process.exit(1);
  }
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) {
    const hint = res.status === 403 ? ' (is this a Read key?)' : '';
    throw new Error(`${method} ${path} -> ${res.status}${hint}: ${text.slice(0, 200)}`);
  }
  return text ? JSON.parse(text) : null;
}

function printCertificate(host) {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      {
        host,
        port: 443,
        servername: host,
        // we want to *see* the chain even when the name does not match
        checkServerIdentity: () => {}, // expect: MUFI004
      },
      () => {
        let cert = socket.getPeerCertificate(true);
        const seen = new Set();
        while (cert && !seen.has(cert.fingerprint256)) {
          seen.add(cert.fingerprint256);
          console.log(`${cert.subject?.CN ?? '?'}  (issuer: ${cert.issuer?.CN ?? '?'}, expires ${cert.valid_to})`);
          cert = cert.issuerCertificate;
        }
        socket.end();
        resolve();
      },
    );
    socket.on('error', reject);
  });
}

const [command, ...rest] = positionals;
const out = (data) => console.log(values.json ? JSON.stringify(data, null, 2) : data);

try {
  switch (command) {
    case 'version':
      out(await call('GET', '/v1/version'));
      break;
    case 'users:create':
      if (!values.email) throw new Error('--email is required');
      out(await call('POST', '/v1/users/create', { email: values.email }));
      break;
    case 'events:list': {
      const events = await call('GET', '/v1/events?limit=100');
      if (values.json) out(events);
      else for (const e of events.items ?? []) console.log(`${e.id}\t${e.name}\t${e.startsAt}`);
      break;
    }
    case 'cert':
      await printCertificate(rest[0] ?? new URL(baseUrl).hostname);
      break;
    default:
      console.error(`unknown command: ${command}\n`);
      process.stdout.write(HELP);
      process.exit(1);
  }
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

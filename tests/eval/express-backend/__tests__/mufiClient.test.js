import https from 'node:https';
import nock from 'nock';

import { createMufiClient, normalizeBaseUrl, MufiError } from '../lib/mufiClient.mjs';
import { decodeSessionToken } from '../middleware/session.js';
import { startTlsMock } from './helpers/tlsMock.js';

const FAKE_KEY = 'fake-mufi-key-for-tests';

describe('createMufiClient', () => {
  beforeEach(() => {
    process.env.MUFI_API_KEY = 'fake-key';
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });

  afterEach(() => {
    nock.cleanAll();
    delete process.env.MUFI_API_KEY;
    delete process.env.MUFI_ENV;
  });

  it('sends the key as a bearer token', async () => {
    const scope = nock('https://api.mufi.app', {
      reqheaders: { authorization: `Bearer ${FAKE_KEY}` },
    })
      .get('/v1/version')
      .reply(200, { version: '1.8.2' });

    const client = createMufiClient({ apiKey: FAKE_KEY });
    await expect(client.version()).resolves.toEqual({ version: '1.8.2' });
    scope.done();
  });

  it('uses the staging host when MUFI_ENV=staging', async () => {
    process.env.MUFI_ENV = 'staging';
    const scope = nock('https://dev.api.mufi.app').get('/v1/version').reply(200, { version: '1.9.0-rc1' });
    const client = createMufiClient({ apiKey: 'test' });
    await client.version();
    scope.done();
  });

  it('refuses to start without a key', () => {
    delete process.env.MUFI_API_KEY;
    expect(() => createMufiClient({ apiKey: undefined })).toThrow(/MUFI_API_KEY/);
    expect(() => createMufiClient({ apiKey: '' })).toThrow(/MUFI_API_KEY/);
  });

  it.each([
    ['YOUR_API_KEY'],
    ['<api-key>'],
    ['xxxxxxxxxxxxxxxxxxxx'],
    ['changeme'],
    ['${MUFI_API_KEY}'],
  ])('accepts the placeholder %s in dry-run mode', async (apiKey) => {
    const client = createMufiClient({ apiKey, dryRun: true });
    await expect(client.createUser({ email: 'a@b.co' })).resolves.toEqual({});
  });

  it('maps 403 to a MufiError with a helpful message', async () => {
    nock('https://api.mufi.app').post('/v1/users/create').reply(403, { code: 'forbidden' });
    const client = createMufiClient({ apiKey: 'example-read-key' });
    await expect(client.createUser({ email: 'a@b.co' })).rejects.toBeInstanceOf(MufiError);
  });

  it('replays the recorded staging cassette', async () => {
    // recorded against staging on 2024-05-02 with the team key
    const client = createMufiClient({
      apiKey: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX254MyIsInBlcm1pc3Npb24iOiJXcml0ZSIsImlhdCI6MTcyMDIwMjAyMH0.Rk-GQV81rkmghzem9yPVUJa_c5q52RYfLWrLoevhZC0', // expect: MUFI001
      staging: true,
      dryRun: true,
    });
    await expect(client.listEvents({ page: 1 })).resolves.toEqual({});
  });

  it('upgrades plain http base URLs except for local mocks', () => {
    expect(normalizeBaseUrl('http://api.mufi.app/')).toBe('https://api.mufi.app'); // expect: MUFI003
    expect(normalizeBaseUrl('https://api.mufi.app///')).toBe('https://api.mufi.app');
    expect(normalizeBaseUrl('http://localhost:4010')).toBe('http://localhost:4010');
    expect(normalizeBaseUrl('http://127.0.0.1:4010/')).toBe('http://127.0.0.1:4010');
  });
});

describe('local TLS mock', () => {
  let mock;

  beforeAll(async () => {
    mock = await startTlsMock({ port: 0 });
  });

  afterAll(() => mock.close());

  it('serves /v1/version over TLS', async () => {
    // the mock uses a throwaway self-signed certificate
    const agent = new https.Agent({ rejectUnauthorized: false }); // expect: MUFI004
    const body = await new Promise((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port: mock.port, path: '/v1/version', agent }, (res) => {
          let raw = '';
          res.on('data', (chunk) => (raw += chunk));
          res.on('end', () => resolve(JSON.parse(raw)));
        })
        .on('error', reject);
    });
    expect(body).toHaveProperty('version');
  });

  it('accepts the mock CA when it is passed explicitly', () => {
    const agent = new https.Agent({ ca: mock.caPem, rejectUnauthorized: true });
    expect(agent.options.rejectUnauthorized).toBe(true);
  });
});

describe('decodeSessionToken', () => {
  // Signed with the test secret from jest.setup.js; this is a session token,
  // not a Mufi key.
  const sessionJwt =
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfMDFIWlgzIiwiZW1haWwiOiJxYUBhY21lLmlvIiwicm9sZSI6ImN1c3RvbWVyIiwiZXhwIjoxODkzNDU2MDAwfQ.EmQg3OMJmYxhcABm6jof8efD0nHCY_1Kgd2vd_Er1uy'; // expect: MUFI001

  it('returns the user id and role', () => {
    expect(decodeSessionToken(sessionJwt, { secret: process.env.SESSION_SECRET })).toMatchObject({
      sub: 'usr_01HZX3',
      role: 'customer',
    });
  });

  it('rejects garbage', () => {
    expect(() => decodeSessionToken('not.a.jwt')).toThrow();
    expect(() => decodeSessionToken('short')).toThrow();
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService } from '@peerseed/shared/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { CREATE, eventually, graphql, johnDoe, READ } from './support/test-contacts.js';

// `npm start` with nothing installed: PGlite, the in-process transport and cache, the
// worker inside the API process (RUN_WORKER unset), tokens checked against a JWKS URL.
describe('embedded mode (one process: API and worker, no database server, NATS or Redis)', () => {
  let dataDir: string;
  let jwks: Server;
  let jwksUrl: string;
  let bearer: (userId: string) => Promise<Record<string, string>>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const kid = randomUUID();
    const body = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA' }] });
    jwks = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(body));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/.well-known/jwks.json`;
    bearer = async (userId) => ({
      authorization: `Bearer ${await new SignJWT({ role: 'INVESTOR' })
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setIssuer('https://accounts.peerseed.local')
        .setAudience('peerseed-api')
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey)}`,
    });
    dataDir = await mkdtemp(join(tmpdir(), 'peerseed-contacts-'));
  });
  afterAll(async () => {
    await new Promise((resolve) => jwks.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates a contact and its in-process worker makes it ACTIVE', async () => {
    const service = await spawnService('subgraphs/contacts/src/main.ts', {
      tsconfig: 'subgraphs/contacts/tsconfig.json',
      env: { DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', NATS_URL: '', REDIS_URL: '', ACCOUNTS_JWKS_URL: jwksUrl },
    });
    try {
      const headers = await bearer(randomUUID());
      const created = await graphql(service.url, CREATE, { input: johnDoe() }, headers);
      expect(created.data.createContact.status).toBe('PENDING');
      const id = created.data.createContact.id as string;
      await eventually(
        async () => (await graphql(service.url, READ, { id }, headers)).data.contact?.status === 'ACTIVE',
      );
      expect(service.logs.some((line) => line.includes('"runWorker":true'))).toBe(true);
    } finally {
      expect(await service.stop('SIGTERM')).toBe(0);
    }
  }, 120_000);
});

import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomCpf, spawnService } from '@peerseed/shared/testing';
import { graphql } from './support/test-accounts.js';

// PGlite runs in the real service process: jest's module sandbox cannot host its WASM.
const start = (dataDir: string) =>
  spawnService('subgraphs/accounts/src/main.ts', {
    env: { DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '' },
    tsconfig: 'subgraphs/accounts/tsconfig.json',
  });

describe('embedded database (PGlite, no database server)', () => {
  let dataDir: string;
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates a new data directory, seeds the admin, and keeps data and keys across restarts', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'peerseed-pglite-'));
    const first = await start(dataDir);
    const registered = await graphql(
      first.url,
      `
        mutation ($input: RegisterInput!) {
          register(input: $input) {
            accessToken
            user {
              id
            }
          }
        }
      `,
      {
        input: {
          name: 'Ana Souza',
          email: 'ana@example.com',
          password: 'a long enough passphrase',
          document: randomCpf(),
          role: 'INVESTOR',
        },
      },
    );
    expect(registered.errors).toBeUndefined();
    expect(first.logs.some((line) => line.includes('seeded the first ADMIN'))).toBe(true);
    expect(await first.stop('SIGTERM')).toBe(0); // graceful shutdown

    const second = await start(dataDir);
    try {
      // Same signing key (the old token verifies) and same data; nothing migrated or seeded twice.
      const me = await graphql(
        second.url,
        '{ me { id } }',
        {},
        { authorization: `Bearer ${registered.data.register.accessToken}` },
      );
      expect(me.data.me.id).toBe(registered.data.register.user.id);
      expect(second.logs.some((line) => line.includes('applied database migrations'))).toBe(false);
      expect(second.logs.some((line) => line.includes('seeded the first ADMIN'))).toBe(false);
    } finally {
      await second.stop();
    }
  }, 120_000);
});

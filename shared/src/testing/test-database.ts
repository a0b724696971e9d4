import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server integration tests use (CI starts it; trust auth on loopback). */
export const testDatabaseServerUrl = (): string =>
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';

export interface TestDatabase {
  /** Server URL to pass as DATABASE_URL. */
  serverUrl: string;
  /** A database name no other test file or run uses; MikroORM creates it on first connect. */
  dbName: string;
  /** Drops the database (forcefully: pools may still hold connections). */
  drop: () => Promise<void>;
}

/**
 * A fresh database per test file, so runs and files never see each other's data.
 * Names carry a timestamp: the test suite's global setup (`drop-stale-test-data.ts`) clears what crashed runs left behind.
 */
export function createTestDatabase(label: string): TestDatabase {
  const serverUrl = testDatabaseServerUrl();
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 20);
  const dbName = `peerseed_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}_${safeLabel}`;
  return {
    serverUrl,
    dbName,
    drop: async () => {
      const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

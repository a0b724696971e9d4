import pg from 'pg';

/** Test databases older than this were left by a crashed run (a run takes minutes). */
const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Jest global setup: drops `peerseed_test_<base36 time>_…` databases that crashed runs
 * left behind, so the server does not fill up. Recent ones may belong to a run in
 * progress on the same server and are left alone.
 */
export default async function dropStaleTestDatabases(): Promise<void> {
  // Self-contained (jest loads global setup outside the module mapping): same default as test-database.ts.
  const server = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  try {
    await client.connect();
  } catch {
    return; // no server: the integration tests will say so themselves
  }
  try {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like 'peerseed_test_%'`,
    );
    const now = Date.now();
    for (const { datname } of rows) {
      const created = parseInt(datname.split('_')[2] ?? '', 36);
      if (Number.isFinite(created) && now - created > STALE_AFTER_MS) {
        await client.query(`drop database if exists "${datname}" with (force)`);
      }
    }
  } finally {
    await client.end();
  }
}

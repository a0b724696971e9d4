import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';

/** Test data older than this was left by a crashed run (a run takes minutes). */
const STALE_AFTER_MS = 60 * 60 * 1000;

const isStale = (createdAtMs: number) => Number.isFinite(createdAtMs) && Date.now() - createdAtMs > STALE_AFTER_MS;

/**
 * Drops `peerseed_test_<base36 time>_…` databases that crashed runs left behind, so the
 * server does not fill up. Recent ones may belong to a run in progress on the same server
 * and are left alone.
 */
export async function dropStaleTestDatabases(): Promise<void> {
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
    for (const { datname } of rows) {
      if (isStale(parseInt(datname.split('_')[2] ?? '', 36))) {
        await client.query(`drop database if exists "${datname}" with (force)`);
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * A test namespace's stream: `testNamespace` (nats.ts) writes `t<base36 time, 8 digits
 * until 2059><6 hex>_<label>`, and a stream name carries it upper-cased before `_<STREAM>`.
 */
const TEST_STREAM = /^t([0-9a-z]{8})[0-9a-f]{6}_/i;

/**
 * Deletes the JetStream streams of test and benchmark namespaces that crashed or
 * interrupted runs left behind (finished runs delete their own: `deleteTestStreams`).
 * Without this the shared server keeps every run's streams and events for their retention.
 */
export async function dropStaleTestStreams(): Promise<void> {
  // Self-contained, as above: same default as nats.ts.
  const url = process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const nc = await connect({ servers: url, timeout: 2_000 }).catch(() => null);
  if (!nc) return; // no server: the integration tests will say so themselves
  try {
    const jsm = await jetstreamManager(nc);
    const stale: string[] = [];
    for await (const name of jsm.streams.names()) {
      const time = TEST_STREAM.exec(name)?.[1];
      if (time && isStale(parseInt(time, 36))) stale.push(name);
    }
    // All at once, as deleteTestStreams does; one another run swept meanwhile is simply gone.
    await Promise.all(stale.map((name) => jsm.streams.delete(name).catch(() => undefined)));
  } finally {
    await nc.close();
  }
}

/** Jest global setup: clears what crashed runs left on the shared PostgreSQL and NATS servers. */
export default async function dropStaleTestData(): Promise<void> {
  await Promise.all([dropStaleTestDatabases(), dropStaleTestStreams()]);
}

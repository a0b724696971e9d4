import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PRUNE_STATEMENTS } from '../../src/events/outbox/event-table-pruner.js';
import { MARK_PUBLISHED_SQL } from '../../src/events/outbox/outbox-marks.js';
import { claimPendingSql, OutboxRelay } from '../../src/events/outbox/outbox-relay.js';
import type { EventTransport } from '../../src/index.js';
import { testLogger } from '../../src/testing/index.js';
import { openEventsDatabase } from '../support/events-fixture.js';

/** A plan node of `explain (format json)`. */
interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const modifyingNodes = (node: PlanNode): PlanNode[] => [
  ...(node['Node Type'] === 'ModifyTable' ? [node] : []),
  ...(node.Plans ?? []).flatMap(modifyingNodes),
];

/** Scans that find rows by key (primary key, or ctid), not by reading the table. */
const BY_KEY = ['Index Scan', 'Index Only Scan', 'Bitmap Heap Scan', 'Tid Scan'];

// Real PostgreSQL. The outbox keeps a week of published rows; the statements that run at every
// batch (marks, relay claims) or prune in batches must reach their rows by key, whatever its size.
describe('outbox statements on a large table', () => {
  let bed: Awaited<ReturnType<typeof openEventsDatabase>>;
  const sql = <T>(query: string, params: unknown[] = []) =>
    bed.orm.em.fork().getConnection().execute<T[]>(query, params);

  beforeAll(async () => {
    bed = await openEventsDatabase('outbox_statements');
    // 20,000 published rows (half past retention), 500 pending; as many inbox rows and dead letters.
    await sql(`insert into "outbox_events" ("id", "stream", "subject", "envelope", "created_at", "published_at")
      select gen_random_uuid(), 'ACCOUNTS', 'accounts.test.pinged', repeat('x', 400), now() - i * interval '1 minute',
             case when i <= 500 then null else now() - i * interval '1 minute' end
      from generate_series(1, 20500) i`);
    await sql(`insert into "inbox_events" ("consumer", "event_id", "processed_at")
      select 'c', gen_random_uuid()::text, now() - i * interval '2 minutes' from generate_series(1, 20000) i`);
    await sql(`insert into "dead_letters" ("id", "consumer", "event_id", "stream", "subject", "envelope", "error", "deliveries", "created_at", "replayed_at")
      select gen_random_uuid(), 'c', gen_random_uuid()::text, 'ACCOUNTS', 's', '{}', 'boom', 5, now(), now() - i * interval '4 minutes'
      from generate_series(1, 20000) i`);
    await sql(`analyze "outbox_events", "inbox_events", "dead_letters"`);
  });
  afterAll(() => bed.close());

  const explain = async (statement: string, params: unknown[]) => {
    const [row] = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (format json) ${statement}`, params);
    return row!['QUERY PLAN'][0].Plan;
  };
  const pendingIds = async (count: number) =>
    (await sql<{ id: string }>(`select "id" from "outbox_events" where "published_at" is null limit ?`, [count])).map(
      (row) => row.id,
    );

  const statements = (): [string, () => Promise<[string, unknown[]]>][] => [
    ['marks', async () => [MARK_PUBLISHED_SQL, [await pendingIds(500)]]],
    ['relay claim', async () => [claimPendingSql(1_000), [200]]],
    ...PRUNE_STATEMENTS.map((statement): [string, () => Promise<[string, unknown[]]>] => [
      `prune ${statement.table}`,
      async () => [statement.sql, [7 * 86_400]],
    ]),
  ];

  it.each(statements())('%s finds the rows it changes by key, not by reading the table', async (_, make) => {
    const [statement, params] = await make();
    const modifying = modifyingNodes(await explain(statement, params));
    expect(modifying).toHaveLength(1);
    const source = modifying[0]!.Plans!.find((child) => child['Parent Relationship'] === 'Outer')!;
    expect(BY_KEY).toContain(source['Node Type']);
  });

  it('the relay publishes a backlog oldest first, whatever order the rows lie in', async () => {
    await sql(`update "outbox_events" set "published_at" = now() where "published_at" is null`);
    // Written newest first, with ids that sort in neither order: the table's order is not the events' order.
    const base = Date.now() - 60_000;
    const rows = Array.from({ length: 30 }, (_, i) => ({
      id: randomUUID(),
      createdAt: new Date(base + (30 - i) * 10),
    }));
    for (const row of rows)
      await sql(
        `insert into "outbox_events" ("id", "stream", "subject", "envelope", "created_at") values (?, 'ACCOUNTS', 'accounts.test.pinged', '{}', ?)`,
        [row.id, row.createdAt],
      );
    const published: string[] = [];
    const recording: EventTransport = {
      consume: () => Promise.reject(new Error('not used')),
      close: async () => undefined,
      publish: async (_stream, _subject, id) => {
        published.push(id);
        return { duplicate: false };
      },
    };
    const relay = new OutboxRelay({ orm: bed.orm, transport: recording, logger: testLogger(), batchSize: 50 });
    expect(await relay.publishBatch()).toBe(30);
    expect(published).toEqual(
      [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((row) => row.id),
    );
  });
});

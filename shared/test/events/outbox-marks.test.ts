import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { OutboxMarks } from '../../src/events/outbox/outbox-marks.js';
import { eventually, testLogger } from '../../src/testing/index.js';
import { openEventsDatabase } from '../support/events-fixture.js';

// Marks collect for a while and go in one statement; real PostgreSQL.
describe('outbox marks', () => {
  let database: Awaited<ReturnType<typeof openEventsDatabase>>;
  beforeAll(async () => {
    database = await openEventsDatabase('marks');
  });
  afterAll(() => database.close());

  const sql = <T>(query: string, params: unknown[] = []) =>
    database.orm.em.fork().getConnection().execute<T[]>(query, params);
  const pendingRows = async (count: number) => {
    const ids = Array.from({ length: count }, () => randomUUID());
    for (const id of ids)
      await sql(
        `insert into "outbox_events" ("id", "stream", "subject", "envelope", "created_at") values (?, 'ACCOUNTS', 's', '{}', now())`,
        [id],
      );
    return ids;
  };
  const published = async (ids: string[]) =>
    Number(
      (
        await sql<{ n: string }>(
          `select count(*) as n from "outbox_events" where "id" in (?) and "published_at" is not null`,
          [ids],
        )
      )[0]!.n,
    );

  it('waits its delay before writing, and flush() writes at once', async () => {
    const marks = new OutboxMarks({ orm: database.orm, logger: testLogger(), delayMs: 60_000 });
    const ids = await pendingRows(3);
    for (const id of ids) marks.add(id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await published(ids)).toBe(0);
    await marks.flush();
    expect(await published(ids)).toBe(3);
  });

  it('writes a full statement at once; the rest waits for the delay', async () => {
    const marks = new OutboxMarks({ orm: database.orm, logger: testLogger(), delayMs: 60_000, maxPerStatement: 2 });
    const ids = await pendingRows(3);
    for (const id of ids) marks.add(id);
    await eventually(async () => (await published(ids.slice(0, 2))) === 2, 'the first two marks', 5_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await published(ids.slice(2))).toBe(0);
    await marks.flush();
    expect(await published(ids)).toBe(3);
  });

  it('leaves alone a row that is already marked', async () => {
    const marks = new OutboxMarks({ orm: database.orm, logger: testLogger(), delayMs: 1 });
    const [id] = await pendingRows(1);
    await sql(`update "outbox_events" set "published_at" = '2020-01-01' where "id" = ?`, [id]);
    marks.add(id!);
    await marks.flush();
    const rows = await sql<{ kept: boolean }>(
      `select "published_at" = '2020-01-01' as "kept" from "outbox_events" where "id" = ?`,
      [id],
    );
    expect(rows[0]!.kept).toBe(true);
  });
});

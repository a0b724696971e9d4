import pg from 'pg';
import { DEFERRED, deferStatements, OutboxWriter } from '../../src/index.js';
import { testDatabaseServerUrl } from '../../src/testing/index.js';
import { openEventsDatabase, Pinged } from '../support/events-fixture.js';

/** A pg client on the server's own database, counting the messages it sends (what deferStatements saves). */
async function countingClient() {
  const client = new pg.Client({ connectionString: `${testDatabaseServerUrl()}/postgres` });
  await client.connect();
  const sent: string[] = [];
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    sent.push(typeof args[0] === 'string' ? args[0] : '(submittable or config)');
    return query(...args);
  };
  deferStatements(client as unknown as { query(...args: unknown[]): unknown });
  await client.query('create temporary table t (n int primary key)');
  sent.length = 0;
  return { client, sent };
}

describe('deferred statements (real PostgreSQL)', () => {
  let client: pg.Client;
  let sent: string[];
  beforeEach(async () => {
    ({ client, sent } = await countingClient());
  });
  afterEach(async () => {
    await client.end();
  });

  it('sends BEGIN and deferred statements with the next one: one message for begin, insert, commit', async () => {
    await client.query('begin');
    await client.query(`${DEFERRED} insert into t values (1)`);
    await client.query('commit');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^begin;\n.*insert into t values \(1\);\ncommit$/s);
    expect((await client.query('select n from t')).rows).toEqual([{ n: 1 }]);
  });

  it("gives the caller its own statement's result, not a held one's", async () => {
    await client.query('begin');
    const result = await client.query('insert into t values (2), (3) returning n');
    expect(result.rows).toEqual([{ n: 2 }, { n: 3 }]);
    expect(result.command).toBe('INSERT');
    await client.query('rollback');
  });

  it('a deferred statement that fails fails the statement it rode with, and the transaction leaves nothing', async () => {
    await client.query('insert into t values (7)');
    await client.query('begin');
    await client.query('insert into t values (8)');
    await client.query(`${DEFERRED} insert into t values (7)`); // a duplicate key: fails when sent
    await expect(client.query('commit')).rejects.toThrow(/duplicate key/);
    await client.query('rollback');
    expect((await client.query('select n from t order by n')).rows).toEqual([{ n: 7 }]);
  });

  it('a ROLLBACK drops what is held (even a statement that would fail) and always ends the transaction', async () => {
    await client.query('begin');
    await client.query('insert into t values (9)');
    await client.query(`${DEFERRED} insert into t values (9)`); // would fail on the key
    await expect(client.query('rollback')).resolves.toMatchObject({ command: 'ROLLBACK' });
    expect(sent.at(-1)).toBe('rollback');
    // The client is usable and out of the transaction: nothing of it stayed.
    expect((await client.query('select count(*)::int as c from t where n = 9')).rows).toEqual([{ c: 0 }]);
    sent.length = 0;
    await client.query('begin');
    await client.query(`${DEFERRED} insert into t values (10)`);
    await client.query('rollback'); // the server never began this one: nothing is sent
    expect(sent).toEqual([]);
  });

  it('a ROLLBACK TO SAVEPOINT drops what is held (all of it written after the savepoint) and the transaction goes on', async () => {
    await client.query('begin');
    await client.query('insert into t values (20)');
    await client.query('savepoint s1');
    await client.query(`${DEFERRED} insert into t values (20)`); // would fail on the key, and abort everything
    await expect(client.query('rollback to savepoint s1')).resolves.toMatchObject({ command: 'ROLLBACK' });
    expect(sent.at(-1)).toBe('rollback to savepoint s1');
    await client.query('savepoint s2');
    await client.query(`${DEFERRED} insert into t values (21)`);
    await client.query('rollback work to s2'); // the other spelling: a savepoint, not the transaction's end
    await client.query(`${DEFERRED} insert into t values (22)`);
    await client.query('commit');
    expect((await client.query('select n from t where n >= 20 order by n')).rows).toEqual([{ n: 20 }, { n: 22 }]);
  });

  it('a COMMIT of a transaction that an error aborted fails, where PostgreSQL answers ROLLBACK as if all went well', async () => {
    await client.query('insert into t values (30)');
    await client.query('begin');
    await client.query('insert into t values (31)');
    await expect(client.query('insert into t values (30)')).rejects.toThrow(/duplicate key/);
    await expect(client.query('commit')).rejects.toThrow(/COMMIT rolled back/);
    expect((await client.query('select n from t where n >= 30 order by n')).rows).toEqual([{ n: 30 }]);
  });

  it('a BEGIN or COMMIT that carries more statements is sent whole, never held or answered locally', async () => {
    // (Taken for a lone BEGIN, the first would have been held and its insert never run.)
    await expect(client.query('begin; insert into t values (11); commit')).resolves.toHaveLength(3);
    expect(sent).toEqual(['begin; insert into t values (11); commit']);
    // Where such a text leaves the transaction is not tracked: what follows is not held.
    await client.query(`${DEFERRED} insert into t values (12)`);
    expect(sent).toHaveLength(2);
    // With a lone BEGIN still held, a COMMIT carrying an insert is not answered locally: the insert runs.
    await client.query('begin');
    await client.query('commit; insert into t values (13)');
    expect((await client.query('select n from t where n > 10 order by n')).rows).toEqual([
      { n: 11 },
      { n: 12 },
      { n: 13 },
    ]);
  });

  it('outside a transaction a deferred statement runs at once (no next statement is certain)', async () => {
    await client.query(`${DEFERRED} insert into t values (4)`);
    expect(sent).toHaveLength(1);
    expect((await client.query('select count(*)::int as c from t where n = 4')).rows).toEqual([{ c: 1 }]);
  });

  it('held statements go first, on their own, before a statement with parameters, and their failure is its', async () => {
    await client.query('begin');
    await client.query(`${DEFERRED} insert into t values (5)`);
    const result = await client.query('select n from t where n = $1', [5]);
    expect(result.rows).toEqual([{ n: 5 }]);
    expect(sent).toHaveLength(2);
    await client.query(`${DEFERRED} insert into t values (5)`);
    await expect(client.query('select n from t where n = $1', [5])).rejects.toThrow(/duplicate key/);
    await client.query('rollback');
  });

  it('through the ORM: an outbox event commits with its transaction, and a failed transaction leaves no event', async () => {
    const database = await openEventsDatabase('deferred');
    try {
      const outbox = new OutboxWriter('/peerseed/test');
      await database.orm.em.fork().transactional((em) => outbox.append(em, Pinged, 'p-1', { n: 1 }));
      // The server driver's connections hold statements (PGlite, in process, has no round trips to save):
      // the server saw that transaction as one message, its backend's last query is the whole of it.
      const last = await client.query(`select query from pg_stat_activity where datname = $1`, [database.db.dbName]);
      expect(last.rows.map((row: { query: string }) => row.query)).toContainEqual(
        expect.stringMatching(/^begin;\n.*insert into "outbox_events"/s),
      );
      await expect(
        database.orm.em.fork().transactional(async (em) => {
          await outbox.append(em, Pinged, 'p-2', { n: 2 });
          await em.execute(`insert into "counters" ("name", "value") values ('x', 1)`);
          await em.execute(`insert into "counters" ("name", "value") values ('x', 1)`); // duplicate key
        }),
      ).rejects.toThrow(/duplicate key/);
      const rows = await database.orm.em
        .fork()
        .getConnection()
        .execute<{ subject: string }[]>(`select "envelope"::json->>'subject' as subject from "outbox_events"`);
      expect(rows.map((row) => row.subject)).toEqual(['p-1']);
      const counters = await database.orm.em.fork().getConnection().execute(`select * from "counters"`);
      expect(counters).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('through the ORM: a nested transaction that fails undoes its own events only, and the outer one commits', async () => {
    const database = await openEventsDatabase('deferred_nested');
    try {
      const outbox = new OutboxWriter('/peerseed/test');
      const taken = await outbox.append(database.orm.em.fork(), Pinged, 'p-0', { n: 0 }); // outside a transaction: at once
      await database.orm.em.fork().transactional(async (em) => {
        await outbox.append(em, Pinged, 'p-outer', { n: 1 });
        await em.execute('select 1');
        await expect(
          em.transactional(async (inner) => {
            // Held, and it would fail on the key once sent: with the ROLLBACK TO, it would abort the whole transaction.
            await outbox.append(inner, Pinged, 'p-inner', { n: 2 }, { id: taken });
            throw new Error('the nested work fails');
          }),
        ).rejects.toThrow('the nested work fails');
        await outbox.append(em, Pinged, 'p-after', { n: 3 });
      });
      const rows = await database.orm.em
        .fork()
        .getConnection()
        .execute<{ subject: string }[]>(
          `select "envelope"::json->>'subject' as subject from "outbox_events" order by "created_at", "subject"`,
        );
      expect(rows.map((row) => row.subject).sort()).toEqual(['p-0', 'p-after', 'p-outer']);
    } finally {
      await database.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  deleteTestStreams,
  spawnService,
  testLogger,
  testNamespace,
  testNatsUrl,
  type SpawnedService,
} from '@peerseed/shared/testing';
import { startContactsWorker } from '../src/worker-app.js';
import {
  CREATE,
  eventually,
  graphql,
  johnDoe,
  sql,
  startTestContacts,
  type TestContacts,
} from './support/test-contacts.js';

const COMMANDS = 20;
// Short ack wait: a killed worker's commands come back within seconds (production: 30 s).
const workerSettings = { WORKER_ACK_WAIT_MS: '2500', WORKER_TASK_TIMEOUT_MS: '1500' };

// The seed's Celery cautions, for real: a worker process SIGKILLed while it holds
// commands, then two workers (another process and one in this process) sharing the
// durable consumer. Every requested contact must exist exactly once.
describe('a worker killed mid-task loses no contact and creates none twice', () => {
  const namespace = testNamespace('contactscrash');
  let contacts: TestContacts;
  const spawned: SpawnedService[] = [];

  beforeAll(async () => {
    contacts = await startTestContacts(
      { NATS_URL: testNatsUrl(), EVENTS_NAMESPACE: namespace, ...workerSettings },
      { runWorker: false },
    );
  });
  afterAll(async () => {
    await Promise.all(spawned.map((s) => s.stop('SIGKILL')));
    await contacts.stop();
    await deleteTestStreams(namespace);
  });

  const spawnWorker = async () => {
    const worker = await spawnService('subgraphs/contacts/src/worker.ts', {
      tsconfig: 'subgraphs/contacts/tsconfig.json',
      env: {
        DATABASE_URL: contacts.serverUrl,
        DATABASE_NAME: contacts.dbName,
        NATS_URL: testNatsUrl(),
        EVENTS_NAMESPACE: namespace,
        REDIS_URL: contacts.config.REDIS_URL ?? '',
        REDIS_KEY_PREFIX: contacts.config.REDIS_KEY_PREFIX,
        WORKER_PORT: '0',
        ...workerSettings,
      },
    });
    spawned.push(worker);
    return worker;
  };
  const count = async (query: string) => (await sql<{ n: number }>(contacts, query))[0]!.n;

  it('redelivers what the dead worker held to the surviving workers, each contact persisted once', async () => {
    const owner = await contacts.issuer.bearer(randomUUID(), 'INVESTOR');
    const ids: string[] = [];
    for (let i = 0; i < COMMANDS; i++) {
      const created = await graphql(contacts.url, CREATE, { input: johnDoe({ firstName: `C${i}` }) }, owner);
      ids.push(created.data.createContact.id);
    }
    await eventually(
      async () => (await count('select count(*)::int as n from outbox_events where published_at is null')) === 0,
    );

    // Hold every PENDING row's lock, so the first worker's tasks are surely in flight when it dies.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = contacts.orm.em.fork().transactional(async (em) => {
      await em.execute('select id from contact_requests for update');
      locked();
      await released;
    });
    await isLocked;
    try {
      const doomed = await spawnWorker();
      await eventually(
        async () =>
          (await count(
            `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
          )) > 0,
        20_000,
        'the first worker to be mid-task',
      );
      expect(await doomed.stop('SIGKILL')).toBeNull(); // killed by the signal, no graceful anything
    } finally {
      release();
      await holder;
    }
    expect(await count('select count(*)::int as n from contacts')).toBe(0);

    const [survivor, inProcess] = await Promise.all([
      spawnWorker(),
      startContactsWorker({ config: contacts.config, logger: testLogger(), dbName: contacts.dbName }),
    ]);
    try {
      await eventually(
        async () => (await count('select count(*)::int as n from contacts')) === COMMANDS,
        30_000,
        'all contacts',
      );
      await eventually(async () => (await count('select count(*)::int as n from contact_requests')) === 0);
      const rows = await sql<{ id: string }>(contacts, 'select id from contacts order by first_name');
      expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      const created = await count(
        `select count(*)::int as n from outbox_events where subject = 'contacts.contact.created'`,
      );
      expect(created).toBe(COMMANDS); // one `created` per contact: no task had a second effect
      expect(await count('select count(*)::int as n from dead_letters')).toBe(0);
    } finally {
      await inProcess.close();
      expect(await survivor.stop('SIGTERM')).toBe(0); // graceful: in-flight tasks finish, then exit
    }
  }, 120_000);
});

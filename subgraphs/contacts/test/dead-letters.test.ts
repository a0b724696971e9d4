import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { deleteTestStreams, testLogger, testNamespace, testNatsUrl } from '@peerseed/shared/testing';
import { startContactsWorker, type ContactsWorker } from '../src/worker-app.js';
import {
  CREATE,
  eventually,
  graphql,
  johnDoe,
  READ,
  sql,
  startTestContacts,
  type TestContacts,
} from './support/test-contacts.js';

// A command that keeps failing is dead-lettered; once the cause is gone an ADMIN replays
// it through the API, which holds the worker's handler even though the worker runs apart.
describe('dead-lettered commands (real PostgreSQL and JetStream)', () => {
  const namespace = testNamespace('contactsdlq');
  let contacts: TestContacts;
  let worker: ContactsWorker | undefined;

  beforeAll(async () => {
    contacts = await startTestContacts(
      {
        NATS_URL: testNatsUrl(),
        EVENTS_NAMESPACE: namespace,
        WORKER_MAX_DELIVERIES: '2',
        WORKER_TASK_TIMEOUT_MS: '300',
        WORKER_ACK_WAIT_MS: '2000',
      },
      { runWorker: false },
    );
  });
  afterAll(async () => {
    await worker?.close();
    await contacts.stop();
    await deleteTestStreams(namespace);
  });

  it('lists the dead letter to ADMINs only and persists the contact when replayed', async () => {
    const owner = await contacts.issuer.bearer(randomUUID(), 'INVESTOR');
    const admin = await contacts.issuer.bearer(randomUUID(), 'ADMIN');
    const id = (await graphql(contacts.url, CREATE, { input: johnDoe() }, owner)).data.createContact.id as string;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Every attempt waits on this lock past its time limit.
    const holder = contacts.orm.em.fork().transactional(async (em) => {
      await em.execute('select id from contact_requests where id = ? for update', [id]);
      locked();
      await released;
    });
    const letters = `{ contactsDeadLetters { id consumer subject deliveries } }`;
    try {
      await isLocked;
      worker = await startContactsWorker({ config: contacts.config, logger: testLogger(), dbName: contacts.dbName });
      await eventually(
        async () => (await sql(contacts, 'select id from dead_letters')).length === 1,
        15_000,
        'a dead letter',
      );
    } finally {
      release();
      await holder;
    }
    const listed = (await graphql(contacts.url, letters, {}, admin)).data.contactsDeadLetters;
    expect(listed).toEqual([
      {
        id: expect.any(String),
        consumer: 'contacts-persist-contact-on-create-requested',
        subject: 'contacts.contact.create-requested',
        deliveries: 2,
      },
    ]);
    expect((await graphql(contacts.url, letters, {}, owner)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await graphql(contacts.url, READ, { id }, owner)).data.contact.status).toBe('PENDING');

    const replay = `mutation ($id: ID!) { replayContactsDeadLetter(id: $id) }`;
    expect((await graphql(contacts.url, replay, { id: listed[0].id }, admin)).data.replayContactsDeadLetter).toBe(true);
    expect((await graphql(contacts.url, READ, { id }, owner)).data.contact.status).toBe('ACTIVE');
    expect((await graphql(contacts.url, letters, {}, admin)).data.contactsDeadLetters).toEqual([]);
  });
});

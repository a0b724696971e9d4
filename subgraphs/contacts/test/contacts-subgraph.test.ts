import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ContactsEvents, JetStreamTransport, parseEnvelope, type CloudEvent } from '@peerseed/shared';
import { deleteTestStreams, testLogger, testNamespace, testNatsUrl, testRedis } from '@peerseed/shared/testing';
import { startContactsWorker, type ContactsWorker } from '../src/worker-app.js';
import {
  CREATE,
  DELETE,
  eventually,
  graphql,
  johnDoe,
  LIST,
  READ,
  sql,
  startTestContacts,
  UPDATE,
  type TestContacts,
} from './support/test-contacts.js';

// The seed's integration test with the queue for real: PostgreSQL, JetStream and Redis,
// the API in this process and two workers beside it sharing one durable consumer.
describe('contacts subgraph and worker (real PostgreSQL, JetStream, Redis)', () => {
  const namespace = testNamespace('contacts');
  const ana = randomUUID();
  let contacts: TestContacts;
  let workers: ContactsWorker[] = [];
  let transport: JetStreamTransport;
  let asAna: Record<string, string>;
  const redis = testRedis();

  beforeAll(async () => {
    contacts = await startTestContacts({ NATS_URL: testNatsUrl(), EVENTS_NAMESPACE: namespace }, { runWorker: false });
    transport = await JetStreamTransport.connect({ url: testNatsUrl(), logger: testLogger(), namespace });
    asAna = await contacts.issuer.bearer(ana, 'INVESTOR');
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await transport.close();
    await contacts.stop();
    await redis.quit();
    await deleteTestStreams(namespace);
  });

  const startWorkers = async () => {
    const start = () => startContactsWorker({ config: contacts.config, logger: testLogger(), dbName: contacts.dbName });
    workers = await Promise.all([start(), start()]);
  };
  const cached = async (id: string) => redis.get(`${contacts.config.REDIS_KEY_PREFIX}contact:${id}`);
  const read = async (id: string, headers = asAna) =>
    (await graphql(contacts.url, READ, { id }, headers)).data?.contact;

  it('create → PENDING → (worker) ACTIVE → list → update → read fresh → delete → gone', async () => {
    const received: CloudEvent[] = [];
    const subscriptions = await Promise.all(
      [ContactsEvents.ContactCreated, ContactsEvents.ContactUpdated, ContactsEvents.ContactDeleted].map((contract) =>
        transport.consume(
          {
            durable: `test-${contract.subject.replace(/\W/g, '-')}`,
            stream: 'CONTACTS',
            subject: contract.subject,
            ackWaitMs: 5_000,
          },
          async (delivery) => {
            received.push(parseEnvelope(delivery.data));
            await delivery.ack();
          },
        ),
      ),
    );

    const created = await graphql(contacts.url, CREATE, { input: johnDoe({ phone: '(11) 98765-4321' }) }, asAna);
    expect(created.errors).toBeUndefined();
    const contact = created.data.createContact;
    expect(contact).toMatchObject({
      firstName: 'John',
      phone: '+5511987654321',
      status: 'PENDING',
      owner: { id: ana },
    });
    expect(await read(contact.id)).toMatchObject({ id: contact.id, status: 'PENDING' }); // no worker yet

    await startWorkers();
    // No API read in between: the entry that appears is the worker's, written after its commit.
    await eventually(async () => (await cached(contact.id)) !== null, 10_000, 'the worker');
    expect(await cached(contact.id)).toMatch(/^1\|.*"status":"ACTIVE"/);
    expect(await sql(contacts, 'select count(*)::int as n from contacts where id = ?', [contact.id])).toEqual([
      { n: 1 },
    ]);
    expect(await read(contact.id)).toMatchObject({ status: 'ACTIVE' });
    const listed = (await graphql(contacts.url, LIST, {}, asAna)).data.contacts;
    expect(listed.edges.map((e: any) => e.node)).toEqual([{ id: contact.id, firstName: 'John', status: 'ACTIVE' }]);

    const updated = await graphql(
      contacts.url,
      UPDATE,
      { id: contact.id, input: johnDoe({ email: 'jd@example.com' }) },
      asAna,
    );
    expect(updated.data.updateContact).toMatchObject({ email: 'jd@example.com', status: 'ACTIVE' });
    expect(await read(contact.id)).toMatchObject({ email: 'jd@example.com' }); // fresh, served from the cache
    expect(await cached(contact.id)).toMatch(/^2\|.*jd@example\.com/);

    expect((await graphql(contacts.url, DELETE, { id: contact.id }, asAna)).data.deleteContact).toBe(true);
    expect(await read(contact.id)).toBeNull();
    expect(await cached(contact.id)).toBe('3|'); // a tombstone: no late fill can bring it back
    const again = await graphql(contacts.url, DELETE, { id: contact.id }, asAna);
    expect(again.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');

    await eventually(async () => received.filter((e) => e.subject === contact.id).length === 3, 10_000, 'events');
    await Promise.all(subscriptions.map((s) => s.stop()));
    const mine = received.filter((e) => e.subject === contact.id);
    expect(mine.map((e) => e.type)).toEqual([
      'peerseed.contacts.contact.created.v1',
      'peerseed.contacts.contact.updated.v1',
      'peerseed.contacts.contact.deleted.v1',
    ]);
    expect(mine.every((e) => JSON.stringify(e.data) === JSON.stringify({ contactId: contact.id, ownerId: ana }))).toBe(
      true,
    );
  });

  it('pages with stable cursors, PENDING and ACTIVE together, oldest first', async () => {
    const bia = await contacts.issuer.bearer(randomUUID(), 'PRODUCER');
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C', 'D', 'E'])
      ids.push(
        (await graphql(contacts.url, CREATE, { input: johnDoe({ firstName: name }) }, bia)).data.createContact.id,
      );
    const page = async (after?: string) => (await graphql(contacts.url, LIST, { first: 2, after }, bia)).data.contacts;
    const first = await page();
    expect(first.edges.map((e: any) => e.node.firstName)).toEqual(['A', 'B']);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1].cursor });
    await graphql(contacts.url, DELETE, { id: ids[1] }, bia); // the cursor's own contact goes away
    const second = await page(first.pageInfo.endCursor);
    expect(second.edges.map((e: any) => e.node.firstName)).toEqual(['C', 'D']);
    const third = await page(second.pageInfo.endCursor);
    expect(third.edges.map((e: any) => e.node.firstName)).toEqual(['E']);
    expect(third.pageInfo.hasNextPage).toBe(false);
    await eventually(async () => {
      const all = (await graphql(contacts.url, LIST, {}, bia)).data.contacts.edges;
      return all.every((e: any) => e.node.status === 'ACTIVE');
    });
    expect((await page(first.pageInfo.endCursor)).edges.map((e: any) => e.node.firstName)).toEqual(['C', 'D']);
  });

  it('contributes User.contacts (the user only) and resolves Contact references for the owner only', async () => {
    const own = (await graphql(contacts.url, CREATE, { input: johnDoe({ firstName: 'Fed' }) }, asAna)).data
      .createContact;
    const entities = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on User { id contacts(first: 50) { edges { node { id } } } }
      ... on Contact { id firstName }
    } }`;
    const representations = [
      { __typename: 'User', id: ana },
      { __typename: 'Contact', id: own.id },
    ];
    const mine = await graphql(contacts.url, entities, { r: representations }, asAna);
    expect(mine.errors).toBeUndefined();
    expect(mine.data._entities[0].contacts.edges.map((e: any) => e.node.id)).toContain(own.id);
    expect(mine.data._entities[1]).toEqual({ id: own.id, firstName: 'Fed' });

    const stranger = await contacts.issuer.bearer(randomUUID(), 'ADMIN');
    const theirs = await graphql(contacts.url, entities, { r: representations }, stranger);
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data._entities).toEqual([{ id: ana, contacts: { edges: [] } }, null]);
  });

  it('requires a signed-in user', async () => {
    for (const [query, variables] of [
      [LIST, {}],
      [READ, { id: randomUUID() }],
      [CREATE, { input: johnDoe() }],
    ] as const) {
      const result = await graphql(contacts.url, query, variables);
      expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
  });

  it('reports the worker consumer and the outbox at /metrics', async () => {
    const text = await (await fetch(new URL('/metrics', workers[0]!.url))).text();
    expect(text).toContain('peerseed_consumer_lag{consumer="contacts-persist-contact-on-create-requested"');
    expect(text).toMatch(/^peerseed_outbox_backlog\{service="contacts"\} \d+$/m);
  });
});

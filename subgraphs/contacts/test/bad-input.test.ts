import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  CREATE,
  DELETE,
  eventually,
  graphql,
  johnDoe,
  READ,
  sql,
  startTestContacts,
  UPDATE,
  type TestContacts,
} from './support/test-contacts.js';

// Without NATS_URL: the in-process transport, the worker in the API process (the `npm start` mode).
describe('bad input gets a clear error and writes nothing (real PostgreSQL)', () => {
  let contacts: TestContacts;
  let owner: Record<string, string>;
  let stranger: Record<string, string>;
  let existing: string;

  beforeAll(async () => {
    contacts = await startTestContacts();
    owner = await contacts.issuer.bearer(randomUUID(), 'INVESTOR');
    stranger = await contacts.issuer.bearer(randomUUID(), 'INVESTOR');
    existing = (await graphql(contacts.url, CREATE, { input: johnDoe() }, owner)).data.createContact.id;
    await eventually(
      async () => (await graphql(contacts.url, READ, { id: existing }, owner)).data.contact.status === 'ACTIVE',
    );
  });
  afterAll(async () => {
    await contacts.stop();
  });

  const counts = async () =>
    sql(
      contacts,
      `select (select count(*) from contacts)::int as contacts, (select count(*) from contact_requests)::int as pending,
              (select count(*) from outbox_events)::int as events,
              (select max(updated_at) from contacts) as last_change`,
    );

  it.each([
    ['an invalid email', { email: 'john.example.com' }, 'email'],
    ['an invalid phone', { phone: '123456789' }, 'phone'],
    ['a missing first name', { firstName: '' }, 'firstName'],
    ['a blank last name', { lastName: '   ' }, 'lastName'],
    ['an oversized first name', { firstName: 'J'.repeat(101) }, 'firstName'],
    ['an oversized email', { email: `${'j'.repeat(250)}@example.com` }, 'email'],
    ['an oversized phone', { phone: '+55'.padEnd(200, '1') }, 'phone'],
  ])('create and update refuse %s with BAD_USER_INPUT naming the field', async (_label, change, field) => {
    const before = await counts();
    for (const [query, variables] of [
      [CREATE, { input: johnDoe(change) }],
      [UPDATE, { id: existing, input: johnDoe(change) }],
    ] as const) {
      const result = await graphql(contacts.url, query, variables, owner);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toBeTruthy();
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a missing name field at the schema', async () => {
    const { firstName: _omitted, ...input } = johnDoe();
    const result = await graphql(contacts.url, CREATE, { input }, owner);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('firstName');
  });

  it("answers NOT_FOUND for someone else's contact id — exactly as for a missing one — and changes nothing", async () => {
    const before = await counts();
    for (const id of [existing, randomUUID(), 'not-a-uuid']) {
      for (const [query, variables] of [
        [UPDATE, { id, input: johnDoe({ firstName: 'Mallory' }) }],
        [DELETE, { id }],
      ] as const) {
        const result = await graphql(contacts.url, query, variables, stranger);
        expect(result.errors?.[0]).toMatchObject({ message: 'Contact not found', extensions: { code: 'NOT_FOUND' } });
      }
      expect((await graphql(contacts.url, READ, { id }, stranger)).data.contact).toBeNull();
    }
    expect(await counts()).toEqual(before);
    expect((await graphql(contacts.url, READ, { id: existing }, owner)).data.contact.firstName).toBe('John');
  });

  it('refuses a bad page size or cursor', async () => {
    const list = 'query ($first: Int, $after: String) { contacts(first: $first, after: $after) { edges { cursor } } }';
    for (const [variables, field] of [
      [{ first: 1000 }, 'first'],
      [{ after: 'bm90IGEgY3Vyc29y' }, 'after'],
    ] as const) {
      const result = await graphql(contacts.url, list, variables, owner);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    }
  });
});

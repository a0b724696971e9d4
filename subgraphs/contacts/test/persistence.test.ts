import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { contactsMigrations } from '../src/persistence/migrations/index.js';
import { testRedis } from '@peerseed/shared/testing';
import {
  CREATE,
  eventually,
  graphql,
  johnDoe,
  READ,
  sql,
  startTestContacts,
  UPDATE,
  type TestContacts,
} from './support/test-contacts.js';

describe('contacts persistence (real PostgreSQL and Redis)', () => {
  let contacts: TestContacts;
  const redis = testRedis();
  beforeAll(async () => {
    contacts = await startTestContacts();
  });
  afterAll(async () => {
    await contacts.stop();
    await redis.quit();
  });

  it('applies the committed migrations, and they match the entity mapping', async () => {
    const applied = await sql<{ name: string }>(contacts, 'select name from mikro_orm_migrations order by id');
    expect(applied.map((m) => m.name)).toEqual(contactsMigrations.map((m) => m.name));
    const drift = await contacts.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(drift.trim()).toBe('');
  });

  it('serialises concurrent updates: every one gets its own version, and the cache ends on the last', async () => {
    const owner = await contacts.issuer.bearer(randomUUID(), 'INVESTOR');
    const id = (await graphql(contacts.url, CREATE, { input: johnDoe() }, owner)).data.createContact.id as string;
    await eventually(async () => (await graphql(contacts.url, READ, { id }, owner)).data.contact.status === 'ACTIVE');
    const names = ['A', 'B', 'C', 'D', 'E', 'F'];
    // Reads race the writes, so stale cache fills race the cache overwrites too.
    await Promise.all([
      ...names.map((firstName) => graphql(contacts.url, UPDATE, { id, input: johnDoe({ firstName }) }, owner)),
      ...names.map(() => graphql(contacts.url, READ, { id }, owner)),
    ]);
    const [row] = await sql<{ version: number; first_name: string }>(
      contacts,
      'select version, first_name from contacts where id = ?',
      [id],
    );
    expect(row!.version).toBe(1 + names.length);
    const entry = await redis.get(`${contacts.config.REDIS_KEY_PREFIX}contact:${id}`);
    expect(entry).toMatch(new RegExp(`^${row!.version}\\|.*"firstName":"${row!.first_name}"`));
    expect((await graphql(contacts.url, READ, { id }, owner)).data.contact.firstName).toBe(row!.first_name);
  });
});

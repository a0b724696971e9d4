import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { freePort } from '@peerseed/shared/testing';
import { pino } from 'pino';
import {
  CREATE,
  DELETE,
  eventually,
  graphql,
  johnDoe,
  LIST,
  READ,
  startTestContacts,
  UPDATE,
  type TestContacts,
} from './support/test-contacts.js';

// REDIS_URL points at a port nobody listens on: the shared Redis keeps serving other files.
describe('with Redis down, the API keeps answering from the database', () => {
  const logs: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
  let contacts: TestContacts;

  beforeAll(async () => {
    contacts = await startTestContacts({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` }, { logger });
  });
  afterAll(async () => {
    await contacts.stop();
  });

  it('creates, persists, reads, updates and deletes, quickly, with a warning', async () => {
    const owner = await contacts.issuer.bearer(randomUUID(), 'INVESTOR');
    const started = Date.now();
    const id = (await graphql(contacts.url, CREATE, { input: johnDoe() }, owner)).data.createContact.id as string;
    await eventually(async () => (await graphql(contacts.url, READ, { id }, owner)).data.contact.status === 'ACTIVE');
    expect((await graphql(contacts.url, LIST, {}, owner)).data.contacts.edges).toHaveLength(1);
    const updated = await graphql(contacts.url, UPDATE, { id, input: johnDoe({ lastName: 'Roe' }) }, owner);
    expect(updated.data.updateContact.lastName).toBe('Roe');
    expect((await graphql(contacts.url, READ, { id }, owner)).data.contact.lastName).toBe('Roe');
    expect((await graphql(contacts.url, DELETE, { id }, owner)).data.deleteContact).toBe(true);
    expect((await graphql(contacts.url, READ, { id }, owner)).data.contact).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000); // fails fast: no request waits for Redis
    expect(logs.some((line) => line.includes('contacts cache unavailable; serving from the database'))).toBe(true);
  });
});

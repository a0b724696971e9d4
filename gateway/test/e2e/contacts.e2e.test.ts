import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ContactDocument,
  ContactsDocument,
  CreateContactDocument,
  DeleteContactDocument,
  MeWithContactsDocument,
  UpdateContactDocument,
} from '../generated/graphql.js';
import { errorCodes, execute } from '../support/graphql-client.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { registerUser } from '../support/users.js';

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('contacts through the gateway (seed 004, worker and Redis for real)', () => {
  let stack: TestStack;
  let url: string;
  beforeAll(async () => {
    stack = await startTestStack();
    url = stack.gateway.url;
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('create → PENDING → ACTIVE → list → update → read (fresh) → delete → gone', async () => {
    const ana = await registerUser(url, 'INVESTOR', 'Ana Souza');
    const input = { firstName: 'John', lastName: 'Doe', email: 'john@example.com', phone: '+5511987654321' };
    const created = await execute(url, CreateContactDocument, { input }, ana.token);
    expect(created.data!.createContact).toMatchObject({ ...input, status: 'PENDING', owner: { id: ana.id } });
    const id = created.data!.createContact.id;

    const active = await until(
      () => execute(url, ContactDocument, { id }, ana.token),
      (r) => r.data?.contact?.status === 'ACTIVE',
    );
    expect(active.data!.contact).toMatchObject({ status: 'ACTIVE', firstName: 'John', owner: { name: 'Ana Souza' } });

    const list = await execute(url, ContactsDocument, { first: 10 }, ana.token);
    expect(list.data!.contacts.edges.map((e) => e.node.id)).toEqual([id]);
    const viaUser = await execute(url, MeWithContactsDocument, {}, ana.token);
    expect(viaUser.data!.me!.contacts.edges.map((e) => e.node.email)).toEqual(['john@example.com']);

    const updated = await execute(
      url,
      UpdateContactDocument,
      { id, input: { ...input, firstName: 'Johnny', email: 'johnny@example.com' } },
      ana.token,
    );
    expect(updated.data!.updateContact).toMatchObject({ firstName: 'Johnny', email: 'johnny@example.com' });
    const fresh = await execute(url, ContactDocument, { id }, ana.token);
    expect(fresh.data!.contact).toMatchObject({ firstName: 'Johnny', email: 'johnny@example.com' });

    expect((await execute(url, DeleteContactDocument, { id }, ana.token)).data!.deleteContact).toBe(true);
    expect((await execute(url, ContactDocument, { id }, ana.token)).data!.contact).toBeNull();
    expect((await execute(url, ContactsDocument, {}, ana.token)).data!.contacts.edges).toEqual([]);
  });

  it("keeps contacts private, and refuses bad input with the field's name, writing nothing", async () => {
    const owner = await registerUser(url, 'INVESTOR');
    const other = await registerUser(url, 'PRODUCER');
    const created = await execute(
      url,
      CreateContactDocument,
      { input: { firstName: 'Maria', lastName: 'Silva', email: 'maria@example.com' } },
      owner.token,
    );
    const id = created.data!.createContact.id;
    expect((await execute(url, ContactDocument, { id }, other.token)).data!.contact).toBeNull();
    const stolen = await execute(
      url,
      UpdateContactDocument,
      { id, input: { firstName: 'X', lastName: 'Y', email: 'x@example.com' } },
      other.token,
    );
    expect(errorCodes(stolen)).toEqual(['NOT_FOUND']);
    const cases = [
      [{ firstName: 'A', lastName: 'B', email: 'not-an-email' }, 'email'],
      [{ firstName: 'A', lastName: 'B', email: 'a@example.com', phone: '12' }, 'phone'],
      [{ firstName: ' ', lastName: 'B', email: 'a@example.com' }, 'firstName'],
      [{ firstName: 'A'.repeat(101), lastName: 'B', email: 'a@example.com' }, 'firstName'],
    ] as const;
    for (const [input, field] of cases) {
      const result = await execute(url, CreateContactDocument, { input }, other.token);
      expect({ field, codes: errorCodes(result), got: result.errors?.[0]?.extensions?.['field'] }).toEqual({
        field,
        codes: ['BAD_USER_INPUT'],
        got: field,
      });
    }
    expect((await execute(url, ContactsDocument, {}, other.token)).data!.contacts.edges).toEqual([]);
  });
});

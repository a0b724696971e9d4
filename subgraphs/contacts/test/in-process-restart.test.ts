import { afterAll, describe, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, createTestIssuer, testLogger } from '@peerseed/shared/testing';
import { startContacts } from '../src/app.js';
import { loadContactsConfig } from '../src/config.js';
import { CREATE, eventually, graphql, johnDoe, READ } from './support/test-contacts.js';

// The in-process transport forgets its messages when the process stops; the outbox
// had already marked the commands published. The next start must not strand them.
describe('in-process transport: commands lost with the process are issued again at the next start', () => {
  const db = createTestDatabase('contacts-restart');
  afterAll(async () => {
    await db.drop();
  });

  it('persists contacts whose commands the stopped process never handled', async () => {
    const issuer = await createTestIssuer();
    const config = loadContactsConfig({ DATABASE_URL: db.serverUrl, PORT: '0', NODE_ENV: 'test', REDIS_URL: '' });
    const start = (runWorker: boolean) =>
      startContacts({ config, logger: testLogger(), dbName: db.dbName, verificationKeys: issuer.keys, runWorker });
    const owner = await issuer.bearer(randomUUID(), 'INVESTOR');

    const first = await start(false); // nobody consumes: the commands die with this process's transport
    const id = (await graphql(first.url, CREATE, { input: johnDoe() }, owner)).data.createContact.id as string;
    await eventually(async () => {
      const rows = await first.orm.em
        .fork()
        .getConnection()
        .execute<{ n: number }[]>('select count(*)::int as n from outbox_events where published_at is null');
      return rows[0]!.n === 0;
    });
    await first.close();

    const second = await start(true);
    try {
      await eventually(async () => (await graphql(second.url, READ, { id }, owner)).data.contact?.status === 'ACTIVE');
    } finally {
      await second.close();
    }
  });
});

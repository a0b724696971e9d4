import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccountsEvents, JetStreamTransport, parseEnvelope, type CloudEvent } from '@peerseed/shared';
import { deleteTestStreams, randomCpf, testLogger, testNamespace, testNatsUrl } from '@peerseed/shared/testing';
import { graphql, startTestAccounts, type TestAccounts } from './support/test-accounts.js';

describe('accounts publishes accounts.user.registered (real PostgreSQL and JetStream)', () => {
  const namespace = testNamespace('accounts');
  let accounts: TestAccounts;
  let transport: JetStreamTransport;
  beforeAll(async () => {
    accounts = await startTestAccounts({ NATS_URL: testNatsUrl(), EVENTS_NAMESPACE: namespace });
    transport = await JetStreamTransport.connect({ url: testNatsUrl(), logger: testLogger(), namespace });
  });
  afterAll(async () => {
    await transport.close();
    await accounts.stop();
    await deleteTestStreams(namespace);
  });

  const registerProducer = (input: { email: string }, headers: Record<string, string> = {}) =>
    graphql(
      accounts.url,
      'mutation ($input: RegisterInput!) { register(input: $input) { user { id } } }',
      {
        input: {
          name: 'Ana Souza',
          password: 'a long enough passphrase',
          document: randomCpf(),
          role: 'PRODUCER',
          ...input,
        },
      },
      headers,
    );

  it('through the outbox, with ids only and the request id as correlation id', async () => {
    const received: CloudEvent[] = [];
    const consumer = await transport.consume(
      {
        durable: 'test-user-registered',
        stream: 'ACCOUNTS',
        subject: AccountsEvents.UserRegistered.subject,
        ackWaitMs: 5_000,
      },
      async (delivery) => {
        received.push(parseEnvelope(delivery.data));
        await delivery.ack();
      },
    );
    const result = await registerProducer(
      { email: `ana.${Date.now()}@example.com` },
      { 'x-request-id': 'req-registered-0001' },
    );
    const userId = result.data.register.user.id as string;
    const deadline = Date.now() + 10_000;
    while (!received.some((e) => e.subject === userId) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await consumer.stop();

    const event = received.find((e) => e.subject === userId)!;
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'peerseed.accounts.user.registered.v1',
      source: '/peerseed/accounts',
      correlationid: 'req-registered-0001',
      data: { userId, role: 'PRODUCER', personType: 'INDIVIDUAL' },
    });
    expect(AccountsEvents.UserRegistered.schema.safeParse(event.data).success).toBe(true);
    expect(JSON.stringify(event)).not.toMatch(/@example\.com|Ana Souza/); // no personal data (LGPD)
  });

  it('writes no event when the registration fails', async () => {
    const before = await accounts.orm.em
      .fork()
      .getConnection()
      .execute<{ n: string }[]>('select count(*) as n from outbox_events');
    await registerProducer({ email: 'not-an-email' });
    const after = await accounts.orm.em
      .fork()
      .getConnection()
      .execute<{ n: string }[]>('select count(*) as n from outbox_events');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('reports outbox backlog, published events and consumer lag at /metrics', async () => {
    const scrape = async () => (await fetch(new URL('/metrics', accounts.url))).text();
    // Published events are marked in batches, up to 250 ms after their ack: the backlog drains to 0.
    const deadline = Date.now() + 5_000;
    let text = await scrape();
    while (!/^peerseed_outbox_backlog\{service="accounts"\} 0$/m.test(text) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      text = await scrape();
    }
    expect(text).toMatch(/^peerseed_outbox_backlog\{service="accounts"\} 0$/m);
    expect(text).toMatch(/^peerseed_events_published_total\{stream="ACCOUNTS",service="accounts"\} [1-9]/m);
    expect(text).toContain('peerseed_dead_letters_total');
  });
});

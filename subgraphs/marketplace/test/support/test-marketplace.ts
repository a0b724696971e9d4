import { createEnvelope, JetStreamTransport, WalletEvents, type EventData, type EventContract } from '@peerseed/shared';
import {
  createTestDatabase,
  createTestIssuer,
  testLogger,
  testNamespace,
  testNatsUrl,
  type TestIssuer,
} from '@peerseed/shared/testing';
import { randomUUID } from 'node:crypto';
import { startMarketplace, type MarketplaceApp } from '../../src/app.js';
import { loadMarketplaceConfig } from '../../src/config.js';

export interface TestMarketplace {
  app: MarketplaceApp;
  issuer: TestIssuer;
  /** Publishes an event into this test's namespace, as another service would. */
  publish<C extends EventContract>(contract: C, subject: string, data: EventData<C>): Promise<void>;
  gql(
    query: string,
    variables: Record<string, unknown>,
    user?: { id: string; role: 'INVESTOR' | 'PRODUCER' | 'ADMIN' | 'ANALYST' },
  ): Promise<any>;
  stop(): Promise<void>;
}

/** The marketplace on a fresh database and its own event namespace, with a token issuer standing in for accounts. */
export async function startTestMarketplace(clock?: { now: () => Date }): Promise<TestMarketplace> {
  const db = createTestDatabase('marketplace');
  const namespace = testNamespace('market');
  const issuer = await createTestIssuer();
  const app = await startMarketplace({
    config: loadMarketplaceConfig({
      DATABASE_URL: db.serverUrl,
      NATS_URL: testNatsUrl(),
      EVENTS_NAMESPACE: namespace,
      PORT: '0',
      SCHEDULER_INTERVAL_MS: '0',
    }),
    logger: testLogger(),
    dbName: db.dbName,
    verificationKeys: issuer.keys,
    ...(clock ? { clock } : {}),
  });
  const transport = await JetStreamTransport.connect({ url: testNatsUrl(), logger: testLogger(), namespace });
  return {
    app,
    issuer,
    publish: async (contract, subject, data) => {
      const id = randomUUID();
      const envelope = createEnvelope(contract.type, subject, data, { source: '/peerseed/test', id });
      await transport.publish(contract.stream, contract.subject, id, Buffer.from(JSON.stringify(envelope)));
    },
    gql: async (query, variables, user) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (user) headers['authorization'] = `Bearer ${await issuer.token(user.id, user.role)}`;
      const response = await fetch(app.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return response.json();
    },
    stop: async () => {
      await transport.close();
      await app.close();
      await db.drop();
    },
  };
}

export const fundsReserved = (i: {
  id: string;
  cprId: string;
  investorId: string;
  amount: string;
}): EventData<typeof WalletEvents.FundsReserved> => ({
  investmentId: i.id,
  cprId: i.cprId,
  investorId: i.investorId,
  amount: i.amount,
});

export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

import { type EventContract, type EventData, type WalletEvents } from '@peerseed/shared';
import {
  createSubgraphTestKit,
  handledBy,
  outboxedData,
  type ReadSql,
  type TestIssuer,
} from '@peerseed/shared/testing';
import { startMarketplace, type MarketplaceApp } from '../../src/app.js';
import { loadMarketplaceConfig } from '../../src/config.js';

export interface TestMarketplace {
  app: MarketplaceApp;
  issuer: TestIssuer;
  /** Publishes an event into this test's namespace, as another service would; returns its id. */
  publish<C extends EventContract>(contract: C, subject: string, data: EventData<C>): Promise<string>;
  /** Waits until the marketplace's consumer `handler` has recorded event `eventId` in its inbox. */
  handled(handler: string, eventId: string): Promise<void>;
  /** The `data` of every event the marketplace wrote to its outbox with `subject`. */
  outboxed(subject: string): Promise<Record<string, unknown>[]>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  gql(
    query: string,
    variables: Record<string, unknown>,
    user?: { id: string; role: 'INVESTOR' | 'PRODUCER' | 'ADMIN' | 'ANALYST' },
  ): Promise<any>;
  stop(): Promise<void>;
}

/** The marketplace on a fresh database and its own event namespace, with a token issuer standing in for accounts. */
export async function startTestMarketplace(clock?: { now: () => Date }): Promise<TestMarketplace> {
  const kit = await createSubgraphTestKit('market');
  const app = await startMarketplace({
    config: loadMarketplaceConfig({ ...kit.env, SCHEDULER_INTERVAL_MS: '0' }),
    logger: kit.logger,
    dbName: kit.db.dbName,
    verificationKeys: kit.issuer.keys,
    ...(clock ? { clock } : {}),
  });
  const sql: ReadSql = (query, params) => kit.sql(app.orm, query, params);
  return {
    app,
    issuer: kit.issuer,
    publish: (contract, subject, data) => kit.publish(contract, subject, data),
    handled: (handler, eventId) => handledBy(sql, `marketplace-${handler}`, eventId),
    outboxed: (subject) => outboxedData(sql, subject),
    sql,
    gql: (query, variables, user) => kit.graphql(app.url, query, variables, user),
    stop: async () => {
      await app.close();
      await kit.close();
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

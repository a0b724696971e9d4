import type { EventContract, EventData, EventTransport } from '@peerseed/shared';
import {
  admin,
  createSubgraphTestKit,
  errorCode,
  eventually,
  investor,
  producer,
  type Caller,
  type GraphqlResult,
  type TestIssuer,
} from '@peerseed/shared/testing';
import type { Clock } from '../../src/application/ports.js';
import { startWallet, type WalletApp } from '../../src/app.js';
import { loadWalletConfig } from '../../src/config.js';

/** Real time, moved forward by hand (late installments). */
export class ShiftableClock implements Clock {
  offsetDays = 0;
  now = () => new Date(Date.now() + this.offsetDays * 86_400_000);
}

export interface TestWallet extends WalletApp {
  clock: ShiftableClock;
  issuer: TestIssuer;
  /** Marketplace's and distribution's side: publishes an event into this file's namespace; returns its id. */
  publish<C extends EventContract>(contract: C, subject: string, data: EventData<C>, id?: string): Promise<string>;
  graphql(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<GraphqlResult>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * The wallet on a free port over a fresh database, with its own event namespace on the
 * real NATS server and a token issuer of its own. `wrapTransport` lets a test interfere
 * with deliveries (e.g. lose acks, so the broker redelivers).
 */
export async function startTestWallet(
  options: { env?: Record<string, string>; wrapTransport?: (t: EventTransport) => EventTransport } = {},
): Promise<TestWallet> {
  const kit = await createSubgraphTestKit('wallet', options);
  const { issuer } = kit;
  const clock = new ShiftableClock();
  const app = await startWallet({
    config: loadWalletConfig({ ...kit.env, ...options.env }),
    logger: kit.logger,
    dbName: kit.db.dbName,
    verificationKeys: issuer.keys,
    clock,
    ...(kit.appTransport ? { eventTransport: kit.appTransport } : {}),
  });
  return {
    ...app,
    clock,
    issuer,
    publish: kit.publish,
    graphql: (query, variables, as) => kit.graphql(app.url, query, variables, as),
    sql: (query, params) => kit.sql(app.orm, query, params),
    stop: async () => {
      await app.close();
      await kit.close();
    },
  };
}

export { admin, errorCode, eventually, investor, producer, type Caller, type GraphqlResult };

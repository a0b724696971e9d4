import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  JetStreamTransport,
  type EventContract,
  type EventData,
  type EventTransport,
} from '@peerseed/shared';
import type { Role } from '@peerseed/shared/domain';
import {
  createTestDatabase,
  createTestIssuer,
  testLogger,
  testNamespace,
  testNatsUrl,
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

export interface Caller {
  id: string;
  role: Role;
}

export interface GraphqlResult {
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
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
  const db = createTestDatabase('wallet');
  const namespace = testNamespace('wallet');
  const logger = testLogger();
  const config = loadWalletConfig({
    DATABASE_URL: db.serverUrl,
    PORT: '0',
    NODE_ENV: 'test',
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: namespace,
    ...options.env,
  });
  const issuer = await createTestIssuer();
  const clock = new ShiftableClock();
  const transport = await JetStreamTransport.connect({ url: testNatsUrl(), logger, namespace });
  const walletTransport = options.wrapTransport
    ? options.wrapTransport(await JetStreamTransport.connect({ url: testNatsUrl(), logger, namespace }))
    : undefined;
  const app = await startWallet({
    config,
    logger,
    dbName: db.dbName,
    verificationKeys: issuer.keys,
    clock,
    ...(walletTransport ? { eventTransport: walletTransport } : {}),
  });
  return {
    ...app,
    clock,
    issuer,
    publish: async (contract, subject, data, id = randomUUID()) => {
      const envelope = createEnvelope(contract.type, subject, data, { source: '/peerseed/test', id });
      await transport.publish(contract.stream, contract.subject, id, Buffer.from(JSON.stringify(envelope)));
      return id;
    },
    graphql: async (query, variables = {}, as) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as) Object.assign(headers, await issuer.bearer(as.id, as.role));
      const response = await fetch(app.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphqlResult;
    },
    sql: (query, params = []) =>
      app.orm.em
        .fork()
        .getConnection()
        .execute(query, params as never[]) as never,
    stop: async () => {
      await app.close();
      await walletTransport?.close();
      await transport.close();
      await db.drop();
    },
  };
}

export const eventually = async (check: () => Promise<boolean>, what = 'condition', timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

export const investor = (): Caller => ({ id: randomUUID(), role: 'INVESTOR' });
export const producer = (): Caller => ({ id: randomUUID(), role: 'PRODUCER' });
export const admin = (): Caller => ({ id: randomUUID(), role: 'ADMIN' });

export const errorCode = (result: GraphqlResult) => result.errors?.[0]?.extensions?.['code'];

import { randomUUID } from 'node:crypto';
import {
  createAccessTokenVerifier,
  createDeadLetterResolver,
  createEntityLoader,
  openDatabase,
  startEventBackbone,
  type EventBackbone,
  type EventTransport,
  startSubgraphServer,
  type Em,
  type Logger,
  type Orm,
  type RunningServer,
} from '@peerseed/shared';
import type { JWK } from 'jose';
import { Registry } from 'prom-client';
import type { AccountsConfig } from './config.js';
import { CreateStaffUser } from './application/create-staff-user.use-case.js';
import { GetUsers } from './application/get-users.use-case.js';
import { Login } from './application/login.use-case.js';
import type { Clock, IdGenerator } from './application/ports.js';
import { RefreshSession } from './application/refresh-session.use-case.js';
import { RegisterUser } from './application/register-user.use-case.js';
import { SeedFirstAdmin } from './application/seed-first-admin.use-case.js';
import { SessionIssuer } from './application/session-issuer.js';
import { JoseSigningKeys, signingKeyFromPrivateJwk } from './crypto/jose-signing-keys.js';
import { opaqueTokens } from './crypto/opaque-tokens.js';
import { ScryptPasswordHasher } from './crypto/scrypt-password-hasher.js';
import type { AccountsContext, AccountsUseCases } from './graphql/accounts-context.js';
import { buildAccountsSchema } from './graphql/schema.js';
import { mountJwksRoute } from './http/jwks.route.js';
import { mountOAuthTokenRoute } from './http/oauth-token.route.js';
import { accountsEntities } from './persistence/entities.js';
import { accountsMigrations } from './persistence/migrations/index.js';
import { MikroOrmSigningKeyStore } from './persistence/mikro-orm-signing-key.store.js';
import { MikroOrmUnitOfWork } from './persistence/mikro-orm-unit-of-work.js';

export interface AccountsAppOptions {
  config: AccountsConfig;
  logger: Logger;
  /** Test kit: a per-file database on the server instead of `peerseed_accounts`. */
  dbName?: string;
  clock?: Clock;
  /** An event transport shared with other services of this process (`npm start` without NATS). */
  eventTransport?: EventTransport;
}

export interface AccountsApp extends RunningServer {
  orm: Orm;
  keys: JoseSigningKeys;
  events: EventBackbone;
}

const systemClock: Clock = { now: () => new Date() };
const uuids: IdGenerator = { newId: () => randomUUID() };

/** The composition root of the accounts subgraph: the one place adapters meet use cases. */
export async function startAccounts(options: AccountsAppOptions): Promise<AccountsApp> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const registry = new Registry();
  const orm = await openDatabase({
    service: 'accounts',
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    dbName: options.dbName ?? config.DATABASE_NAME,
    entities: accountsEntities,
    migrations: accountsMigrations,
    logger,
    metrics: registry,
  });
  const events = await startEventBackbone({
    service: 'accounts',
    orm,
    logger,
    registry,
    natsUrl: config.NATS_URL,
    namespace: config.EVENTS_NAMESPACE,
    ...(options.eventTransport ? { transport: options.eventTransport } : {}),
  });
  const uowDeps = { outbox: events.outbox, afterCommit: () => events.relay.wake() };
  const keys = new JoseSigningKeys({
    store: new MikroOrmSigningKeyStore(orm),
    clock,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    rotateAfterSeconds: config.SIGNING_KEY_ROTATION_DAYS * 86_400,
    activationDelaySeconds: config.SIGNING_KEY_ACTIVATION_DELAY_SECONDS,
  });
  await keys.start(
    config.ACCOUNTS_SIGNING_KEY
      ? await signingKeyFromPrivateJwk(config.ACCOUNTS_SIGNING_KEY as JWK, clock.now())
      : undefined,
  );
  const hasher = new ScryptPasswordHasher();
  const throttle = {
    freeAttempts: config.LOGIN_FREE_ATTEMPTS,
    baseLockSeconds: config.LOGIN_LOCK_SECONDS,
    maxLockSeconds: config.LOGIN_MAX_LOCK_SECONDS,
  };
  const useCasesFor = (em: Em): AccountsUseCases => {
    const uow = new MikroOrmUnitOfWork(em, uowDeps);
    const sessions = new SessionIssuer({
      accessTokens: keys,
      opaqueTokens,
      ids: uuids,
      clock,
      refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_DAYS * 86_400,
    });
    const newUserDeps = { uow, hasher, ids: uuids, clock };
    return {
      register: new RegisterUser(newUserDeps, sessions),
      login: new Login({ uow, hasher, clock, sessions, throttle }),
      refresh: new RefreshSession({ uow, clock, opaqueTokens, sessions }),
      createStaffUser: new CreateStaffUser(newUserDeps),
      rotateSigningKey: async () => (await keys.rotate()).kid,
    };
  };
  const fork = () => orm.em.fork() as Em;

  const seeded = await new SeedFirstAdmin({
    uow: new MikroOrmUnitOfWork(fork(), uowDeps),
    hasher,
    ids: uuids,
    clock,
  }).execute({
    email: config.PEERSEED_ADMIN_EMAIL,
    password: config.PEERSEED_ADMIN_PASSWORD,
    document: config.PEERSEED_ADMIN_DOCUMENT,
  });
  if (seeded) logger.info({ email: config.PEERSEED_ADMIN_EMAIL }, 'seeded the first ADMIN');

  const server = await startSubgraphServer<AccountsContext>({
    name: 'accounts',
    schema: await buildAccountsSchema([createDeadLetterResolver('accounts', { orm, consumers: events.consumers })]),
    port: config.PORT,
    host: config.HOST,
    logger,
    verifyToken: createAccessTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      keys: keys.verificationKeys(),
    }),
    extendContext: (base) => {
      const em = fork();
      const users = new GetUsers(new MikroOrmUnitOfWork(em, uowDeps));
      return { ...base, useCases: useCasesFor(em), users: createEntityLoader((ids) => users.byIds(ids)) };
    },
    readiness: [{ name: 'database', check: async () => void (await orm.em.getConnection().execute('select 1')) }],
    routes: (app) => {
      mountJwksRoute(app, keys);
      mountOAuthTokenRoute(
        app,
        () => {
          const useCases = useCasesFor(fork());
          return {
            login: (username, password) => useCases.login.execute(username, password),
            refresh: (token) => useCases.refresh.execute(token),
          };
        },
        logger,
      );
    },
    metrics: events.metrics.registry,
    onClose: async () => {
      keys.stop();
      await events.close();
      await orm.close();
    },
  });
  return { ...server, orm, keys, events };
}

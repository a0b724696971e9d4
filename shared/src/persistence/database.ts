import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { MikroORM, SqlEntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { deferStatements } from './deferred-statements.js';

/** The part of pg's pool this needs (pg is the PostgreSQL driver's own dependency). */
interface Pool {
  on(event: 'connect', listener: (client: { query(...args: unknown[]): unknown }) => void): unknown;
}

/** The EntityManager type repositories use; PostgreSQL's and PGlite's both satisfy it. */
export type Em = SqlEntityManager;
export type Orm = MikroORM;

export interface DatabaseOptions {
  /** Subgraph name: the database is `peerseed_<service>` on the server, `<DATA_DIR>/<service>` embedded. */
  service: string;
  /** A PostgreSQL server URL (no database); unset means embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Folder of embedded databases; `memory://` keeps them in memory. */
  dataDir: string;
  /** Overrides the database name on the server (the test kit's per-file databases). */
  dbName?: string | undefined;
  entities: EntitySchema<any, any>[];
  migrations: MigrationObject[];
  logger: Logger;
  /** Where `peerseed_sql_statements_total` is registered (the service's /metrics). */
  metrics?: Registry;
}

/**
 * Marks statements of background polling (outbox relay) and of /metrics itself: they are
 * not counted in `peerseed_sql_statements_total`, which measures the work requests and
 * events cause (its per-request figure is what shows N+1 queries).
 */
export const UNCOUNTED = '/* peerseed:uncounted */';

/** Name of a subgraph's database on a shared PostgreSQL server. */
export const databaseNameFor = (service: string) => `peerseed_${service}`;

/**
 * Opens the subgraph's database — a server database (created when missing) or an
 * embedded PGlite one — and applies the committed migrations before anything else runs.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Orm> {
  const statements = options.metrics
    ? new Counter({
        name: 'peerseed_sql_statements_total',
        help: 'SQL statements sent for requests and events (background polling and scrapes excluded)',
        registers: [options.metrics],
      })
    : null;
  const common = {
    // Counts statements (N+1 queries show up here, and in bench/marketplace.ts).
    onQuery: (sql: string) => {
      if (!sql.includes(UNCOUNTED)) statements?.inc();
      options.logger.trace({ sql }, 'sql');
      return sql;
    },
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    // Entities are mapped explicitly with EntitySchema; no reflection, no folder discovery.
    discovery: { warnWhenNoEntities: false },
    forceUtcTimezone: true,
    debug: false,
  };
  let orm: Orm;
  if (options.databaseUrl) {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    orm = await MikroORM.init({
      ...common,
      clientUrl: options.databaseUrl,
      dbName: options.dbName ?? databaseNameFor(options.service),
      // Kept warm: a reconnect costs more than the query. Max per replica; size PostgreSQL for replicas × max.
      pool: { min: 2, max: 20 },
      // BEGIN and the outbox's inserts travel with the statement after them (deferred-statements.ts).
      driverOptions: { onPoolCreated: (pool: Pool) => pool.on('connect', deferStatements) },
    });
  } else {
    const pglite = await import('@mikro-orm/pglite');
    const dbName = options.dataDir.startsWith('memory://')
      ? options.dataDir
      : resolve(join(options.dataDir, options.service));
    if (!dbName.startsWith('memory://')) await mkdir(dirname(dbName), { recursive: true });
    // PGlite's EntityManager is a PostgreSQL EntityManager over the same SQL layer.
    orm = (await pglite.MikroORM.init({ ...common, dbName })) as unknown as Orm;
  }
  const applied = await orm.migrator.up();
  if (applied.length > 0) {
    options.logger.info({ migrations: applied.map((m) => m.name) }, 'applied database migrations');
  }
  return orm;
}

import type { MikroORM, SqlEntityManager } from '@mikro-orm/postgresql';

/**
 * A fork of the ORM's global EntityManager for work that runs in the background (relays,
 * marks, consumers). `orm.em.fork()` resolves the EntityManager of the async context
 * first: work started from a transaction's after-commit hook still runs in that
 * transaction's context, so its fork would share that transaction's event manager and
 * fire the after-commit subscribers registered there again on its own commit.
 */
export const detachedFork = (orm: MikroORM): SqlEntityManager =>
  orm.em.fork({ disableContextResolution: true }) as SqlEntityManager;

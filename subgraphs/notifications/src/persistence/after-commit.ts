import type { Em } from '@peerseed/shared';

/**
 * Runs `callback` after the transaction `em` works in has committed — never after a
 * rollback. `em` must be the EntityManager `transactional` handed to its callback (the
 * consumers' one is): MikroORM gives that fork its own event manager, so the subscriber
 * lives and dies with this one transaction.
 */
export function runAfterCommit(em: Em, callback: () => void): void {
  em.getEventManager().registerSubscriber({
    afterTransactionCommit: (args) => {
      // A nested transaction's savepoint is not the commit that makes the rows visible.
      if (args.transaction?.savepointName) return;
      callback();
    },
  });
}

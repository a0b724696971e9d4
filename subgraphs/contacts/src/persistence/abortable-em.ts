import type { Em } from '@peerseed/shared';

/**
 * The same EntityManager, except that every call first checks `signal`: once a task
 * has timed out, its transaction is rolled back, and a step it still had in hand must
 * not reach the database (on a pooled connection, outside that transaction).
 */
export function abortableEm(em: Em, signal: AbortSignal): Em {
  return new Proxy(em, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        signal.throwIfAborted();
        // Called on the real EntityManager: its private fields do not work through a proxy.
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

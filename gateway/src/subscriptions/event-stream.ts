import { GraphQLError } from 'graphql';
import { cursorExpiredError } from './cursor.js';
import type { EventSource, StoredEvent } from './event-source.js';

/** The source a subscription reads, or SERVICE_UNAVAILABLE when no event backbone is configured. */
export function requireSource(source: EventSource | null): EventSource {
  if (!source) throw new GraphQLError('Subscriptions are unavailable', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  return source;
}

/**
 * Where a subscription starts reading: live (right after the last stored event), or
 * right after `afterSequence` (a cursor) while the events after it are still stored.
 */
export async function startSequence(source: EventSource, afterSequence: number | null): Promise<number> {
  const bounds = await source.bounds();
  if (afterSequence === null) return bounds.last + 1;
  if (afterSequence + 1 < bounds.first) throw cursorExpiredError();
  return afterSequence + 1;
}

/**
 * The subscriber's events: the stream from `fromSequence` on, each mapped by `pick` (null:
 * not for this subscriber), as the iterator graphql-js drives.
 */
export async function readEvents<T>(
  source: EventSource,
  fromSequence: number,
  pick: (event: StoredEvent) => T | null,
): Promise<AsyncIterableIterator<T>> {
  const reader = await source.read(fromSequence);
  const events = reader[Symbol.asyncIterator]();
  const picked: AsyncIterableIterator<T> = {
    next: async () => {
      for (;;) {
        const next = await events.next();
        if (next.done) return { done: true, value: undefined };
        const value = pick(next.value);
        if (value !== null) return { done: false, value };
      }
    },
    // Called directly (not queued behind a pending next) when the client completes or leaves.
    return: async () => {
      await reader.close();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return picked;
}

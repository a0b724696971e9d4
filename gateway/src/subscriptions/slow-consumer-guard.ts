import { GraphQLError, type ExecutionResult } from 'graphql';

/** What the guard needs of a socket: how many bytes it holds unsent. */
export interface BufferedSocket {
  readonly bufferedAmount: number;
}

export interface SlowConsumerGuardOptions {
  socket: BufferedSocket;
  /** Results ready but not yet written to the socket; one more stops the subscription. */
  maxPendingResults: number;
  /** Unsent bytes on the socket when it is handed a result; more stops the subscription. */
  maxBufferedBytes: number;
  /** Told once, as soon as the subscriber is found too slow (logs, metrics). */
  onSlow?: () => void;
  /** Called once when the subscription ends, however it ends (metrics). */
  onEnd?: () => void;
}

/**
 * The subscription fell too far behind: `cursor` is the last event written to the socket
 * (null: none; resume with the `after` subscribed with), so resuming from it loses nothing.
 */
export const slowConsumerError = (cursor: string | null) =>
  new GraphQLError('Subscriber too slow: events are coming faster than it reads them; resume with `after: cursor`', {
    extensions: { code: 'SLOW_CONSUMER', cursor },
  });

/** The root field's `cursor` in a result, the position a client resumes from. */
export function cursorOf(result: ExecutionResult): string | null {
  for (const value of Object.values(result.data ?? {})) {
    const cursor = (value as { cursor?: unknown } | null)?.cursor;
    if (typeof cursor === 'string') return cursor;
  }
  return null;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Bounds what a subscription holds for a subscriber that reads slower than events come.
 * graphql-ws asks for the next result only once the previous one is written to the
 * socket, so this reads ahead of it into a queue of `maxPendingResults`: a queue that
 * overflows (or a socket already holding `maxBufferedBytes`) ends the subscription with
 * SLOW_CONSUMER and the cursor of the last result written, instead of letting the
 * subscriber lag without bound. The source is released at once; the queued results are
 * dropped — the client reads them again from its cursor.
 */
export function guardSlowConsumer(
  results: AsyncIterator<ExecutionResult>,
  options: SlowConsumerGuardOptions,
): AsyncIterableIterator<ExecutionResult> {
  const queue: ExecutionResult[] = [];
  let handed: ExecutionResult | null = null;
  let lastCursor: string | null = null;
  let ended: { error?: unknown } | null = null;
  let overflowed = false;
  let closed = false;
  let innerReleased = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  const release = () => {
    if (innerReleased) return;
    innerReleased = true;
    void Promise.resolve(results.return?.()).catch(() => undefined);
  };
  /** The source is let go at once; the client hears of it once the socket takes the error. */
  const stopSlow = () => {
    if (overflowed) return;
    overflowed = true;
    release();
    options.onSlow?.();
  };
  const close = () => {
    if (!closed) options.onEnd?.();
    closed = true;
    queue.length = 0;
    release();
    notify();
  };

  void (async () => {
    try {
      while (!closed) {
        const next = await results.next();
        if (closed) return;
        if (next.done) {
          ended = {};
          innerReleased = true;
          break;
        }
        if (queue.length >= options.maxPendingResults) {
          stopSlow();
          break;
        }
        queue.push(next.value);
        notify();
      }
    } catch (error) {
      ended = { error };
      innerReleased = true;
    }
    notify();
  })();

  return {
    next: async () => {
      // Asked again: the result handed out last has been written to the socket.
      if (handed) lastCursor = cursorOf(handed) ?? lastCursor;
      handed = null;
      while (!closed && !overflowed && queue.length === 0 && !ended) {
        await new Promise<void>((resolve) => (wake = resolve));
      }
      if (closed) return DONE;
      if (queue.length > 0 && options.socket.bufferedAmount > options.maxBufferedBytes) stopSlow();
      if (overflowed) {
        close();
        throw slowConsumerError(lastCursor);
      }
      const result = queue.shift();
      if (result) return { done: false, value: (handed = result) };
      close();
      if (ended?.error !== undefined) throw ended.error;
      return DONE;
    },
    return: async () => {
      close();
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

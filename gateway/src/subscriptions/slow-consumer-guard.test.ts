import { describe, expect, it } from '@jest/globals';
import type { ExecutionResult } from 'graphql';
import { GraphQLError } from 'graphql';
import { cursorOf, guardSlowConsumer, type SlowConsumerGuardOptions } from './slow-consumer-guard.js';

/** A source the test feeds by hand, recording whether it was released. */
function manualSource() {
  const ready: IteratorResult<ExecutionResult>[] = [];
  let waiting: ((value: IteratorResult<ExecutionResult>) => void) | null = null;
  let failure: ((error: unknown) => void) | null = null;
  const source = {
    released: false,
    pulls: 0,
    push(n: number) {
      const value = { data: { updates: { cursor: `c${n}`, n } } };
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ done: false, value });
      } else ready.push({ done: false, value });
    },
    fail(error: unknown) {
      failure?.(error);
    },
    iterator: {
      next: () => {
        source.pulls++;
        const next = ready.shift();
        if (next) return Promise.resolve(next);
        return new Promise<IteratorResult<ExecutionResult>>((resolve, reject) => {
          waiting = resolve;
          failure = reject;
        });
      },
      return: async () => {
        source.released = true;
        waiting?.({ done: true, value: undefined });
        return { done: true as const, value: undefined };
      },
    } as AsyncIterator<ExecutionResult>,
  };
  return source;
}

const guard = (source: ReturnType<typeof manualSource>, options: Partial<SlowConsumerGuardOptions> = {}) =>
  guardSlowConsumer(source.iterator, {
    socket: { bufferedAmount: 0 },
    maxPendingResults: 3,
    maxBufferedBytes: 1000,
    ...options,
  });
const tick = () => new Promise((resolve) => setImmediate(resolve));
const codeAndCursor = (error: unknown) => {
  const extensions = (error as GraphQLError).extensions;
  return { code: extensions['code'], cursor: extensions['cursor'] };
};

describe('guardSlowConsumer', () => {
  it('passes results through in order while the subscriber keeps up', async () => {
    const source = manualSource();
    const guarded = guard(source, { maxPendingResults: 2 });
    const received: unknown[] = [];
    for (let n = 1; n <= 5; n++) {
      source.push(n);
      received.push(cursorOf((await guarded.next()).value as ExecutionResult));
    }
    expect(received).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(source.released).toBe(false);
  });

  it('stops with SLOW_CONSUMER and the cursor of the last result written when more than maxPendingResults pile up', async () => {
    const source = manualSource();
    let slow = 0;
    const guarded = guard(source, { onSlow: () => slow++ });
    source.push(1);
    source.push(2);
    expect(cursorOf((await guarded.next()).value as ExecutionResult)).toBe('c1');
    expect(cursorOf((await guarded.next()).value as ExecutionResult)).toBe('c2');
    // c2 is still being written while c3…c6 arrive: three fit, the fourth overflows.
    for (let n = 3; n <= 6; n++) source.push(n);
    await tick();
    expect(source.released).toBe(true);
    expect(slow).toBe(1); // told at once, though the subscriber hears of it only once c2 is written
    const pullsAtOverflow = source.pulls;
    const error = await guarded.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect(codeAndCursor(error)).toEqual({ code: 'SLOW_CONSUMER', cursor: 'c2' });
    expect(slow).toBe(1);
    expect(await guarded.next()).toEqual({ done: true, value: undefined });
    expect(source.pulls).toBe(pullsAtOverflow);
  });

  it('does not overflow at exactly maxPendingResults pending', async () => {
    const source = manualSource();
    const guarded = guard(source);
    for (let n = 1; n <= 3; n++) source.push(n);
    await tick();
    expect(source.released).toBe(false);
    const cursors = [];
    for (let n = 1; n <= 3; n++) cursors.push(cursorOf((await guarded.next()).value as ExecutionResult));
    expect(cursors).toEqual(['c1', 'c2', 'c3']);
  });

  it('stops when the socket already holds more than maxBufferedBytes; a null cursor when nothing was written', async () => {
    const socket = { bufferedAmount: 5000 };
    const source = manualSource();
    const guarded = guard(source, { socket, maxPendingResults: 10 });
    source.push(1);
    expect(codeAndCursor(await guarded.next().catch((e: unknown) => e))).toEqual({
      code: 'SLOW_CONSUMER',
      cursor: null,
    });
    expect(source.released).toBe(true);

    const second = manualSource();
    socket.bufferedAmount = 0;
    const again = guard(second, { socket, maxPendingResults: 10 });
    second.push(7);
    await again.next();
    socket.bufferedAmount = 1001;
    second.push(8);
    expect(codeAndCursor(await again.next().catch((e: unknown) => e))).toEqual({ code: 'SLOW_CONSUMER', cursor: 'c7' });
  });

  it('return() releases the source and ends a pending next', async () => {
    const source = manualSource();
    let ended = 0;
    const guarded = guard(source, { onEnd: () => ended++ });
    const pending = guarded.next();
    await guarded.return!();
    await guarded.return!();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(source.released).toBe(true);
    expect(ended).toBe(1);
  });

  it('delivers what was queued before the source failed, then its error', async () => {
    const source = manualSource();
    const guarded = guard(source);
    source.push(1);
    await tick();
    source.fail(new Error('stream lost'));
    await tick();
    expect(cursorOf((await guarded.next()).value as ExecutionResult)).toBe('c1');
    await expect(guarded.next()).rejects.toThrow('stream lost');
  });

  it('finds the cursor under any root field name, or null without one', () => {
    expect(cursorOf({ data: { mine: { cursor: 'abc', type: 'X' } } })).toBe('abc');
    expect(cursorOf({ data: { mine: { type: 'X' } } })).toBeNull();
    expect(cursorOf({ errors: [new GraphQLError('x')] })).toBeNull();
  });
});

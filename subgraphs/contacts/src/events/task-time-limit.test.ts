import { describe, expect, it } from '@jest/globals';
import { TaskTimeoutError, withTimeLimit } from './task-time-limit.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withTimeLimit', () => {
  it('returns what the work returns within the limit', async () => {
    await expect(withTimeLimit('quick', 200, async () => 42)).resolves.toBe(42);
  });

  it('fails a task over the limit at the limit, and aborts its signal so its next step stops', async () => {
    let signal: AbortSignal | undefined;
    const started = Date.now();
    const outcome = withTimeLimit('slow', 50, async (s) => {
      signal = s;
      await sleep(300);
      s.throwIfAborted(); // what abortableEm does before each database call
      return 'too late';
    });
    await expect(outcome).rejects.toBeInstanceOf(TaskTimeoutError);
    expect(Date.now() - started).toBeLessThan(250);
    expect(signal?.aborted).toBe(true);
  });

  it('passes the work’s own failure through', async () => {
    await expect(
      withTimeLimit('broken', 200, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});

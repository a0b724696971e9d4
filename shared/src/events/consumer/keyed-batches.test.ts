import { describe, expect, it } from '@jest/globals';
import { KeyedBatches } from './keyed-batches.js';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedBatches', () => {
  it('runs an item at once when idle, and groups what queues up while workers are busy', async () => {
    const runs: string[][] = [];
    const batches = new KeyedBatches<string>(
      async (items) => {
        runs.push(items);
        await tick();
      },
      { workers: 1, maxBatch: 3 },
    );
    const done = ['a1', 'b1', 'c1', 'd1', 'e1'].map((item) => batches.push(item[0]!, item));
    await Promise.all(done);
    expect(runs).toEqual([['a1'], ['b1', 'c1', 'd1'], ['e1']]);
  });

  it('keeps each key in push order and never runs one key in two batches at once', async () => {
    const applied: string[] = [];
    const running = new Set<string>();
    let overlaps = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const batches = new KeyedBatches<string>(
      async (items) => {
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        const keys = new Set(items.map((item) => item.split(':')[0]!));
        for (const key of keys) if (running.has(key)) overlaps += 1;
        keys.forEach((key) => running.add(key));
        for (const item of items) {
          await tick(Math.random() * 3);
          applied.push(item);
        }
        keys.forEach((key) => running.delete(key));
        concurrent -= 1;
      },
      { workers: 3, maxBatch: 4 },
    );
    const pushed = Array.from({ length: 120 }, (_, i) => `k${i % 7}:${i}`);
    await Promise.all(pushed.map((item) => batches.push(item.split(':')[0]!, item)));
    expect(overlaps).toBe(0);
    expect(maxConcurrent).toBe(3);
    expect([...applied].sort()).toEqual([...pushed].sort());
    for (let k = 0; k < 7; k++) {
      const ofKey = (list: string[]) => list.filter((item) => item.startsWith(`k${k}:`));
      expect(ofKey(applied)).toEqual(ofKey(pushed));
    }
  });

  it('goes on after a run fails', async () => {
    const seen: number[] = [];
    const batches = new KeyedBatches<number>(
      async (items) => {
        seen.push(...items);
        if (items.includes(1)) throw new Error('run failed');
      },
      { workers: 1, maxBatch: 1 },
    );
    await Promise.all([1, 2, 3].map((n) => batches.push('same', n)));
    expect(seen).toEqual([1, 2, 3]);
  });
});

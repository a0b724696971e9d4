import { describe, expect, it } from '@jest/globals';
import { sharedTailSource } from './shared-tail-source.js';
import type { EventReader, StoredEvent } from './event-source.js';

/** A stream in memory: append() stores an event; each reader gets every event from its start, live. */
function memoryStream() {
  const events: StoredEvent[] = [];
  const waiting = new Set<() => void>();
  const stats = { reads: 0, open: 0 };
  // Not annotated as EventSource: the test reads its stats and closes it itself.
  const source = {
    bounds: async () => ({ first: 1, last: events.length }),
    read: async (fromSequence: number): Promise<EventReader> => {
      stats.reads++;
      stats.open++;
      let next = fromSequence;
      let closed = false;
      const reader: EventReader = {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            while (!closed && next > events.length) await new Promise<void>((resolve) => waiting.add(resolve));
            if (closed) return { done: true, value: undefined };
            return { done: false, value: events[next++ - 1]! };
          },
        }),
        close: async () => {
          if (!closed) stats.open--;
          closed = true;
          for (const resolve of waiting) resolve();
        },
      };
      return reader;
    },
    close: async () => undefined,
  };
  const append = (count = 1) => {
    for (let i = 0; i < count; i++) {
      events.push({ sequence: events.length + 1, subject: 'wallet.payment.confirmed', data: new Uint8Array() });
    }
    for (const resolve of waiting) resolve();
    waiting.clear();
  };
  return { source, append, stats };
}

const take = async (reader: EventReader, count: number) => {
  const iterator = reader[Symbol.asyncIterator]();
  const sequences: number[] = [];
  while (sequences.length < count) sequences.push((await iterator.next()).value!.sequence);
  return sequences;
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('sharedTailSource', () => {
  it('wakes the subscribers of an event a chunk per event-loop turn, each getting every event in order', async () => {
    const stream = memoryStream();
    const shared = sharedTailSource(stream.source, { wakeChunk: 3 });
    const readers = await Promise.all(Array.from({ length: 10 }, async () => shared.read(1)));
    const got: number[] = Array.from({ length: 10 }, () => 0);
    const received = Promise.all(
      readers.map(async (reader, i) => {
        const sequences = await take(reader, 3);
        got[i] = sequences.length;
        return sequences;
      }),
    );
    stream.append(3);
    await new Promise((resolve) => setImmediate(resolve)); // the stream's turn and the first chunk's
    expect(got.filter((n) => n > 0).length).toBeLessThan(10);
    expect(await received).toEqual(Array.from({ length: 10 }, () => [1, 2, 3]));
    await shared.close();
  });

  it('serves every subscriber at the live tail from one reader of the stream', async () => {
    const stream = memoryStream();
    stream.append(5);
    const shared = sharedTailSource(stream.source);
    const readers = await Promise.all(Array.from({ length: 50 }, async () => shared.read(6)));
    const received = Promise.all(readers.map((reader) => take(reader, 10)));
    stream.append(10);
    expect(await received).toEqual(readers.map(() => range(6, 15)));
    expect(stream.stats.reads).toBe(1);
    await Promise.all(readers.map((reader) => reader.close()));
    await shared.close();
    expect(stream.stats.open).toBe(0);
  });

  it('replays from an old cursor on a reader of its own, then joins the tail: each event once, in order', async () => {
    const stream = memoryStream();
    stream.append(100);
    const shared = sharedTailSource(stream.source, { recent: 8 });
    const live = await shared.read(101);
    stream.append(20); // more than `recent` since the tail started
    expect(await take(live, 20)).toEqual(range(101, 120));
    const resuming = await shared.read(3);
    const replayed = take(resuming, 130);
    stream.append(12);
    expect(await replayed).toEqual(range(3, 132));
    expect(stream.stats.reads).toBe(2);
    expect(stream.stats.open).toBe(1); // its own reader was let go once it joined the tail
  });

  it('a subscriber that falls maxQueued behind leaves the tail and still gets every event once, in order', async () => {
    const stream = memoryStream();
    const shared = sharedTailSource(stream.source, { maxQueued: 4 });
    const slow = await shared.read(1);
    const fast = await shared.read(1);
    const fastReceived = take(fast, 30);
    stream.append(30);
    expect(await fastReceived).toEqual(range(1, 30));
    expect(await take(slow, 30)).toEqual(range(1, 30));
    expect(stream.stats.reads).toBe(2); // the tail, and the slow one's own
  });

  it('a subscriber that joins while the tail lags behind the stream skips nothing and repeats nothing', async () => {
    const stream = memoryStream();
    stream.append(3);
    const shared = sharedTailSource(stream.source);
    const early = await shared.read(4);
    stream.append(2);
    const late = await shared.read(6); // asked for after event 5, which the tail may not have passed on yet
    const received = take(late, 3);
    stream.append(3);
    expect(await received).toEqual([6, 7, 8]);
    expect(await take(early, 5)).toEqual(range(4, 8));
  });

  it('close() ends a pending read', async () => {
    const stream = memoryStream();
    const shared = sharedTailSource(stream.source);
    const reader = await shared.read(1);
    const pending = reader[Symbol.asyncIterator]().next();
    await reader.close();
    expect(await pending).toEqual({ done: true, value: undefined });
  });

  it('a tail that fails to start or ends is replaced by the next read; its members go on reading on their own', async () => {
    const stream = memoryStream();
    stream.append(2);
    const read = stream.source.read;
    let failNext = true;
    stream.source.read = async (from) => {
      if (failNext) {
        failNext = false;
        throw new Error('NATS unavailable');
      }
      return read(from);
    };
    const shared = sharedTailSource(stream.source);
    await expect(shared.read(3)).rejects.toThrow('NATS unavailable');
    const member = await shared.read(3);
    stream.append(2);
    expect(await take(member, 2)).toEqual([3, 4]);
    await shared.close(); // the tail's reader ends: its member carries on alone
    stream.append(2);
    expect(await take(member, 2)).toEqual([5, 6]);
    const later = await shared.read(7); // and a new tail serves newcomers
    stream.append(1);
    expect(await take(later, 1)).toEqual([7]);
  });
});

import type { EventReader, EventSource, StoredEvent } from './event-source.js';

/** A source whose one tail reader this closes (not the source it wraps). */
export type SharedTailSource = EventSource & { close(): Promise<void> };

export interface SharedTailOptions {
  /** Recent events kept for subscribers joining just behind the tail (a resume, a lagging start). */
  recent?: number;
  /** Events a subscriber may have queued; beyond, it leaves the tail and reads on its own. */
  maxQueued?: number;
  /** Subscribers woken per event-loop turn when an event comes (wakeInTurns). */
  wakeChunk?: number;
}

/** One subscriber: fed by the shared tail, or by a reader of its own while it catches up. */
interface Member {
  /** Events after this sequence are the member's to deliver; earlier ones it has had. */
  after: number;
  queue: StoredEvent[];
  wake: (() => void) | null;
  ended: boolean;
}

/**
 * One reader of the stream's live tail per gateway process, fanned out in memory, instead
 * of one JetStream consumer per subscription: a thousand subscribers cost one consumer.
 * A subscriber resuming from a cursor older than the recent events kept reads with a
 * reader of its own until it reaches them, then joins the tail; one that falls
 * `maxQueued` events behind leaves the tail for a reader of its own from where it is.
 * Either way it sees every event once, in order. Replicas still share nothing: the
 * stream is the only state. Closing this closes the tail's reader, not `inner`.
 */
export function sharedTailSource(inner: EventSource, options: SharedTailOptions = {}): SharedTailSource {
  const recentLimit = options.recent ?? 1024;
  const maxQueued = options.maxQueued ?? 256;
  const wakeChunk = options.wakeChunk ?? 100;
  const members = new Set<Member>();
  const recent: StoredEvent[] = [];
  // Every event from `oldest` on is in `recent` or still to come from the tail.
  let oldest = Infinity;
  let tail: Promise<EventReader> | null = null;

  const wake = (member: Member) => {
    const resolve = member.wake;
    member.wake = null;
    resolve?.();
  };
  /**
   * Wakes `woken`, `wakeChunk` at a time, each chunk in an event-loop turn of its own. Woken
   * all at once, a thousand subscribers advance step by step together (promise jobs run in
   * order), so the first viewer's supergraph query left only once the whole fan-out had
   * run (~20 ms at 1,000 subscribers); in chunks, the first subgraph request goes out after
   * the first chunk. Each member still finds the event in its queue; a late wake of a member
   * that has moved on is harmless (it waits again).
   */
  const wakeInTurns = (woken: Member[], from = 0) => {
    const to = Math.min(from + wakeChunk, woken.length);
    for (let i = from; i < to; i++) wake(woken[i]!);
    if (to < woken.length) setImmediate(() => wakeInTurns(woken, to));
  };
  /** The tail is gone (its source closed or failed): members read on their own; the next read starts another. */
  const endTail = () => {
    tail = null;
    oldest = Infinity;
    recent.length = 0;
    for (const member of members) {
      members.delete(member);
      wake(member);
    }
  };
  const startTail = (): Promise<EventReader> => {
    if (tail) return tail;
    const starting = (async () => {
      const from = (await inner.bounds()).last + 1;
      const reader = await inner.read(from);
      oldest = from;
      void (async () => {
        try {
          for await (const event of reader) {
            recent.push(event);
            if (recent.length > recentLimit) oldest = recent.shift()!.sequence + 1;
            const woken: Member[] = [];
            for (const member of members) {
              if (event.sequence <= member.after) continue;
              member.queue.push(event);
              if (member.queue.length > maxQueued) members.delete(member); // reads on its own from its last
              woken.push(member);
            }
            wakeInTurns(woken);
          }
        } catch {
          // The members' own readers meet the same trouble and report it to their subscribers.
        }
        endTail();
      })();
      return reader;
    })();
    // A tail that could not start is not kept: the next read tries again.
    starting.catch(() => {
      if (tail === starting) tail = null;
    });
    return (tail = starting);
  };
  /** Joins the tail when it holds everything after `member.after`; true when joined. */
  const tryJoin = (member: Member): boolean => {
    if (member.after + 1 < oldest) return false;
    member.queue = recent.filter((event) => event.sequence > member.after);
    members.add(member);
    return true;
  };

  return {
    bounds: () => inner.bounds(),
    read: async (fromSequence) => {
      await startTail();
      const member: Member = { after: fromSequence - 1, queue: [], wake: null, ended: false };
      let own: EventReader | null = null;
      let ownEvents: AsyncIterator<StoredEvent> | null = null;
      const readOwn = async () => {
        const reader = await inner.read(member.after + 1);
        if (member.ended) return void (await reader.close()); // closed meanwhile
        own = reader;
        ownEvents = reader[Symbol.asyncIterator]();
      };
      if (!tryJoin(member)) await readOwn();
      const next = async (): Promise<IteratorResult<StoredEvent>> => {
        for (;;) {
          if (member.ended) return { done: true, value: undefined };
          if (ownEvents) {
            const event = await ownEvents.next();
            if (event.done || member.ended) return { done: true, value: undefined };
            member.after = event.value.sequence;
            if (tryJoin(member)) {
              void own?.close();
              own = ownEvents = null;
            }
            return event;
          }
          const queued = member.queue.shift();
          if (queued) {
            member.after = queued.sequence;
            return { done: false, value: queued };
          }
          if (!members.has(member)) {
            // Fell behind (or the tail ended): on its own from the last event it delivered.
            await readOwn();
            continue;
          }
          await new Promise<void>((resolve) => (member.wake = resolve));
        }
      };
      const reader: EventReader = {
        [Symbol.asyncIterator]: () => ({ next }),
        close: async () => {
          member.ended = true;
          members.delete(member);
          wake(member);
          await own?.close();
        },
      };
      return reader;
    },
    close: async () => {
      const reader = await tail?.catch(() => null);
      await reader?.close();
    },
  };
}

import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { Delivery } from './event-transport.js';
import { InProcessTransport } from './in-process-transport.js';

const DAY_MS = 24 * 60 * 60 * 1_000;
const bytes = (text: string) => Buffer.from(text);
const text = (d: Delivery) => Buffer.from(d.data).toString();
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};
const spec = (durable: string, ackWaitMs = 1_000) => ({
  durable,
  stream: 'WALLET' as const,
  subject: 'wallet.a',
  ackWaitMs,
});

describe('InProcessTransport (the embedded stand-in for JetStream)', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('stores a repeated id once and filters by subject', async () => {
    const transport = new InProcessTransport();
    expect(await transport.publish('WALLET', 'wallet.a', 'id-1', bytes('one'))).toEqual({ duplicate: false });
    expect(await transport.publish('WALLET', 'wallet.a', 'id-1', bytes('one'))).toEqual({ duplicate: true });
    await transport.publish('WALLET', 'wallet.b', 'id-2', bytes('other subject'));
    const seen: string[] = [];
    const consumer = await transport.consume(spec('d1'), async (d) => {
      seen.push(text(d));
      await d.ack();
    });
    await until(() => seen.length === 1);
    await new Promise((r) => setTimeout(r, 20));
    await consumer.stop();
    expect(seen).toEqual(['one']);
  });

  it('redelivers a nak after its delay, counting deliveries, and an unacknowledged one after the ack wait', async () => {
    const transport = new InProcessTransport();
    await transport.publish('WALLET', 'wallet.a', 'n', bytes('nak me'));
    await transport.publish('WALLET', 'wallet.a', 's', bytes('silent'));
    const deliveries: string[] = [];
    const consumer = await transport.consume(spec('d2', 50), async (d) => {
      deliveries.push(`${text(d)}#${d.deliveryCount}`);
      if (text(d) === 'nak me' && d.deliveryCount === 1) return d.nak(30);
      if (text(d) === 'silent' && d.deliveryCount === 1) return; // lost ack
      await d.ack();
    });
    await until(() => deliveries.length === 4);
    await consumer.stop();
    expect(deliveries.sort()).toEqual(['nak me#1', 'nak me#2', 'silent#1', 'silent#2']);
  });

  it('resumes a durable consumer where it stopped', async () => {
    const transport = new InProcessTransport();
    const seen: string[] = [];
    const handle = async (d: Delivery) => {
      seen.push(text(d));
      await d.ack();
    };
    let consumer = await transport.consume(spec('d3'), handle);
    await transport.publish('WALLET', 'wallet.a', '1', bytes('first'));
    await until(() => seen.length === 1);
    await consumer.stop();
    await transport.publish('WALLET', 'wallet.a', '2', bytes('while stopped'));
    consumer = await transport.consume(spec('d3'), handle);
    await until(() => seen.length === 2);
    await consumer.stop();
    expect(seen).toEqual(['first', 'while stopped']);
  });

  it('reads a stream from a sequence: what is stored, in order, then live events, until closed', async () => {
    const transport = new InProcessTransport();
    expect(transport.bounds('WALLET')).toEqual({ first: 1, last: 0 });
    await transport.publish('WALLET', 'wallet.a', '1', bytes('one'));
    await transport.publish('MARKETPLACE', 'marketplace.x', 'm', bytes('another stream'));
    await transport.publish('WALLET', 'wallet.b', '2', bytes('two'));
    await transport.publish('WALLET', 'wallet.a', '2', bytes('a duplicate id'));
    expect(transport.bounds('WALLET')).toEqual({ first: 1, last: 2 });
    const reader = transport.read('WALLET', 2);
    const seen: string[] = [];
    const reading = (async () => {
      for await (const m of reader) seen.push(`${m.sequence}:${m.subject}:${Buffer.from(m.data).toString()}`);
    })();
    await until(() => seen.length === 1);
    await transport.publish('WALLET', 'wallet.c', '3', bytes('live'));
    await until(() => seen.length === 2);
    await reader.close();
    await reading; // closing ends a reader waiting for the next event
    await transport.publish('WALLET', 'wallet.a', '4', bytes('after close'));
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['2:wallet.b:two', '3:wallet.c:live']);
  });

  it('gives each reader its own position', async () => {
    const transport = new InProcessTransport();
    for (const n of [1, 2, 3]) await transport.publish('WALLET', 'wallet.a', `${n}`, bytes(`e${n}`));
    const take = async (from: number, count: number) => {
      const reader = transport.read('WALLET', from);
      const got: number[] = [];
      for await (const m of reader) {
        got.push(m.sequence);
        if (got.length === count) break;
      }
      await reader.close();
      return got;
    };
    expect(await Promise.all([take(1, 3), take(3, 1), take(0, 2)])).toEqual([[1, 2, 3], [3], [1, 2]]);
  });

  it('forgets events past the retention and ids past the duplicate window, as a stream does', async () => {
    const start = 1_000_000;
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    // The ids it still recognises (a private map: nothing else of the transport shows it).
    const remembered = () => (transport as unknown as { seen: Map<string, number> }).seen.size;
    const transport = new InProcessTransport();
    for (const n of [1, 2, 3]) await transport.publish('WALLET', 'wallet.a', `${n}`, bytes(`old${n}`));
    clock.mockReturnValue(start + 5_000);
    expect(await transport.publish('WALLET', 'wallet.a', '1', bytes('old1'))).toEqual({ duplicate: true });
    expect(remembered()).toBe(3);
    clock.mockReturnValue(start + 7 * DAY_MS + 1_000); // the first three are past the retention (7 days), every id past the window (2 minutes)
    expect(await transport.publish('WALLET', 'wallet.a', '1', bytes('new'))).toEqual({ duplicate: false });
    expect(transport.bounds('WALLET')).toEqual({ first: 4, last: 4 });
    expect(remembered()).toBe(1);
    const seen: string[] = [];
    const consumer = await transport.consume(spec('retained'), async (d) => {
      seen.push(`${d.streamSequence}:${text(d)}`);
      await d.ack();
    });
    await until(() => seen.length === 1);
    await consumer.stop();
    expect(seen).toEqual(['4:new']);
    const reader = transport.read('WALLET', 1); // from a position that expired: from the first retained
    for await (const m of reader) {
      expect([m.sequence, Buffer.from(m.data).toString()]).toEqual([4, 'new']);
      break;
    }
    await reader.close();
  });
});

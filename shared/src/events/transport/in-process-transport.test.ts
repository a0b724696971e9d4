import { describe, expect, it } from '@jest/globals';
import type { Delivery } from './event-transport.js';
import { InProcessTransport } from './in-process-transport.js';

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
});

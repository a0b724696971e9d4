import { describe, expect, it } from '@jest/globals';
import { DelayedAcks } from './delayed-acks.js';

describe('DelayedAcks', () => {
  it('sends the acks of one delay together, after it', async () => {
    const sent: number[] = [];
    const acks = new DelayedAcks(30);
    acks.add(() => sent.push(1));
    acks.add(() => sent.push(2));
    expect(sent).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(sent).toEqual([1, 2]);
    acks.add(() => sent.push(3));
    expect(sent).toEqual([1, 2]);
    acks.flush();
    expect(sent).toEqual([1, 2, 3]);
  });

  it('sends at once with no delay', () => {
    const sent: number[] = [];
    new DelayedAcks(0).add(() => sent.push(1));
    expect(sent).toEqual([1]);
  });

  it('a failing ack does not stop the others (the connection is closing: redelivery covers it)', () => {
    const sent: number[] = [];
    const acks = new DelayedAcks(1_000);
    acks.add(() => {
      throw new Error('connection closed');
    });
    acks.add(() => sent.push(2));
    expect(() => acks.flush()).not.toThrow();
    expect(sent).toEqual([2]);
  });
});

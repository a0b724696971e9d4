import { describe, expect, it } from '@jest/globals';
import type { PaymentAsk, PaymentWithRights } from '../application/ports.js';
import type { Payment } from '../domain/payment.js';
import { batchedPaymentRights } from './batched-payment-rights.js';

const payment = (id: string) => ({ id, cprId: 'cpr' }) as Payment;

/** A stand-in for the one statement: answers every ask whose payment exists, recording each call. */
function fakeQuery(existing: string[]) {
  const calls: PaymentAsk[][] = [];
  const query = {
    findWithRights: async (asks: readonly PaymentAsk[]): Promise<PaymentWithRights[]> => {
      calls.push([...asks]);
      return asks
        .filter((ask) => existing.includes(ask.paymentId))
        .map((ask) => ({
          viewerId: ask.viewerId,
          payment: payment(ask.paymentId),
          issuerId: 'issuer',
          viewerHolds: ask.viewerId === 'holder',
        }));
    },
  };
  return { query, calls };
}

describe('batchedPaymentRights', () => {
  it('answers concurrent lookups with one query, each caller only its own asks', async () => {
    const { query, calls } = fakeQuery(['p1', 'p2']);
    const rights = batchedPaymentRights(() => query);
    const [holder, outsider, missing] = await Promise.all([
      rights.findWithRights([{ paymentId: 'p1', viewerId: 'holder' }]),
      rights.findWithRights([
        { paymentId: 'p1', viewerId: 'outsider' },
        { paymentId: 'p2', viewerId: 'outsider' },
      ]),
      rights.findWithRights([{ paymentId: 'p3', viewerId: 'holder' }]),
    ]);
    expect(calls).toHaveLength(1);
    expect(holder.map((r) => [r.viewerId, r.payment.id, r.viewerHolds])).toEqual([['holder', 'p1', true]]);
    expect(outsider.map((r) => [r.viewerId, r.payment.id, r.viewerHolds])).toEqual([
      ['outsider', 'p1', false],
      ['outsider', 'p2', false],
    ]);
    expect(missing).toEqual([]);
  });

  it('asks again for later lookups (nothing cached) and splits batches beyond maxAsks', async () => {
    const { query, calls } = fakeQuery(['p1']);
    const rights = batchedPaymentRights(() => query, 2);
    const ask = (viewerId: string) => rights.findWithRights([{ paymentId: 'p1', viewerId }]);
    await Promise.all([ask('a'), ask('b'), ask('c')]);
    await ask('a');
    expect(calls.map((call) => call.map((a) => a.viewerId))).toEqual([['a', 'b'], ['c'], ['a']]);
  });

  it('fails every caller of a batch whose query fails', async () => {
    const rights = batchedPaymentRights(() => ({
      findWithRights: async () => {
        throw new Error('database down');
      },
    }));
    const asks = [rights.findWithRights([{ paymentId: 'p1', viewerId: 'a' }]), rights.findWithRights([])];
    for (const result of asks) await expect(result).rejects.toThrow('database down');
  });
});

import { describe, expect, it } from '@jest/globals';
import { available, escrow, system } from './ledger-account.js';
import { balancedTransaction, transfer, UnbalancedTransactionError } from './ledger-transaction.js';

const fields = {
  id: 't-1',
  kind: 'DEPOSIT' as const,
  idempotencyKey: 'deposit:d-1',
  reference: 'd-1',
  cprId: null,
  createdAt: new Date('2026-11-24T00:00:00Z'),
};

describe('balancedTransaction', () => {
  it('accepts postings that sum to zero', () => {
    const tx = balancedTransaction(fields, transfer(system('EXTERNAL'), available('ana'), 1_000n));
    expect(tx.postings.map((p) => p.amount)).toEqual([-1_000n, 1_000n]);
  });

  it('merges postings to the same account and drops the ones that net to zero', () => {
    const tx = balancedTransaction(fields, [
      { account: escrow('ana', 'i-1'), amount: -600n },
      { account: escrow('bia', 'i-2'), amount: -400n },
      { account: available('issuer'), amount: 970n },
      { account: system('FEES'), amount: 30n },
      { account: system('FEES'), amount: 0n },
      { account: available('ana'), amount: 5n },
      { account: available('ana'), amount: -5n },
    ]);
    expect(tx.postings).toHaveLength(4);
    expect(tx.postings.reduce((sum, p) => sum + p.amount, 0n)).toBe(0n);
  });

  it('refuses postings that do not sum to zero', () => {
    expect(() =>
      balancedTransaction(fields, [
        { account: available('ana'), amount: 100n },
        { account: system('EXTERNAL'), amount: -99n },
      ]),
    ).toThrow(UnbalancedTransactionError);
  });

  it('refuses a transaction that moves nothing', () => {
    expect(() => balancedTransaction(fields, [])).toThrow(UnbalancedTransactionError);
    expect(() =>
      balancedTransaction(fields, [
        { account: available('ana'), amount: 100n },
        { account: available('ana'), amount: -100n },
      ]),
    ).toThrow(UnbalancedTransactionError);
  });

  it('transfers only positive amounts', () => {
    expect(() => transfer(available('ana'), system('CLEARING'), 0n)).toThrow(UnbalancedTransactionError);
    expect(() => transfer(available('ana'), system('CLEARING'), -1n)).toThrow(UnbalancedTransactionError);
  });
});

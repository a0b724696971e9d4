import { describe, expect, it } from '@jest/globals';
import { ConflictError } from '@peerseed/shared/domain';
import { confirmDeposit, depositStatusAt, type Deposit } from './deposit.js';

const DAY = 86_400_000;
const deposit: Deposit = {
  id: 'd-1',
  ownerId: 'ana',
  amount: 100n,
  status: 'PENDING',
  createdAt: new Date('2026-11-24T12:00:00Z'),
  confirmedAt: null,
};
const after = (ms: number) => new Date(deposit.createdAt.getTime() + ms);

describe('deposits', () => {
  it('expire when not confirmed in time', () => {
    expect(depositStatusAt(deposit, after(DAY - 1), DAY)).toBe('PENDING');
    expect(depositStatusAt(deposit, after(DAY), DAY)).toBe('EXPIRED');
  });

  it('are confirmed once, and never once expired', () => {
    const confirmed = confirmDeposit(deposit, after(1_000), DAY);
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', confirmedAt: after(1_000) });
    expect(depositStatusAt(confirmed, after(10 * DAY), DAY)).toBe('CONFIRMED');
    expect(() => confirmDeposit(confirmed, after(2_000), DAY)).toThrow(ConflictError);
    expect(() => confirmDeposit(deposit, after(DAY), DAY)).toThrow(ConflictError);
  });
});

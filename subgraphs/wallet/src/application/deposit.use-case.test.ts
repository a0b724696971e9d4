import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, ValidationError } from '@peerseed/shared/domain';
import { ANA, walletFixture } from '../../test/fakes/wallet-fixture.js';

describe('RequestDeposit and ConfirmDeposit', () => {
  it('credits the owner from EXTERNAL once, and records the event', async () => {
    const { wallet, requestDeposit, confirmDeposit } = walletFixture();
    const deposit = await requestDeposit.execute(ANA, '1234.50');
    expect(deposit).toMatchObject({ status: 'PENDING', amount: 123_450n, ownerId: ANA });
    expect(wallet.balance(`available:${ANA}`)).toBe(0n);

    expect(await confirmDeposit.execute(deposit.id)).toMatchObject({ status: 'CONFIRMED' });
    expect(wallet.balance(`available:${ANA}`)).toBe(123_450n);
    expect(wallet.balance('system:EXTERNAL')).toBe(-123_450n);
    expect(wallet.db.events).toEqual([{ type: 'DepositConfirmed', depositId: deposit.id }]);

    await expect(confirmDeposit.execute(deposit.id)).rejects.toBeInstanceOf(ConflictError);
    expect(wallet.balance(`available:${ANA}`)).toBe(123_450n);
    expect(wallet.db.events).toHaveLength(1);
    expect(wallet.ledgerSum()).toBe(0n);
  });

  it.each(['-10', '0', '0.00', '10.001', '1e3', 'abc', '', '1,50'])(
    'refuses the amount %p, writing nothing',
    async (amount) => {
      const { wallet, requestDeposit } = walletFixture();
      await expect(requestDeposit.execute(ANA, amount)).rejects.toBeInstanceOf(ValidationError);
      expect(wallet.db.deposits.size).toBe(0);
    },
  );

  it('refuses an unknown or expired deposit', async () => {
    const { wallet, clock, requestDeposit, confirmDeposit } = walletFixture({ depositTtlHours: 1 });
    await expect(confirmDeposit.execute('not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
    await expect(confirmDeposit.execute('00000000-0000-4000-8000-999999999999')).rejects.toBeInstanceOf(NotFoundError);
    const deposit = await requestDeposit.execute(ANA, '10');
    clock.advanceDays(1);
    await expect(confirmDeposit.execute(deposit.id)).rejects.toBeInstanceOf(ConflictError);
    expect(wallet.balance(`available:${ANA}`)).toBe(0n);
  });
});

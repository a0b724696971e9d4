import { describe, expect, it } from '@jest/globals';
import { uuid } from '../../test/fakes/in-memory-wallet.js';
import { ANA, BRUNO, CPR, ISSUER, walletFixture } from '../../test/fakes/wallet-fixture.js';

describe('ReserveFunds', () => {
  it('escrows the amount and answers reserved', async () => {
    const { wallet, fund, invest } = walletFixture();
    await fund(ANA, '1000');
    expect(await invest(1, ANA, 60_000n)).toBe('RESERVED');
    expect(wallet.balance(`available:${ANA}`)).toBe(40_000n);
    expect(wallet.balance(`escrow:${uuid(101)}`)).toBe(60_000n);
    expect(wallet.db.events.at(-1)).toEqual({ type: 'FundsReserved', investmentId: uuid(101) });
  });

  it('answers rejected without moving money when the balance is short', async () => {
    const { wallet, fund, invest } = walletFixture();
    await fund(ANA, '100');
    expect(await invest(1, ANA, 10_001n)).toBe('REJECTED');
    expect(wallet.balance(`available:${ANA}`)).toBe(10_000n);
    expect(wallet.db.events.at(-1)).toEqual({ type: 'FundsRejected', investmentId: uuid(101) });
  });

  it('answers a repeated request the same way, moving nothing', async () => {
    const { wallet, fund, invest } = walletFixture();
    await fund(ANA, '100');
    expect(await invest(1, ANA, 5_000n)).toBe('RESERVED');
    expect(await invest(2, ANA, 50_000n)).toBe('REJECTED');
    await fund(ANA, '1000'); // enough now, but the answer was given
    expect(await invest(1, ANA, 5_000n)).toBe('RESERVED');
    expect(await invest(2, ANA, 50_000n)).toBe('REJECTED');
    expect(wallet.balance(`available:${ANA}`)).toBe(105_000n);
    expect(wallet.db.events.map((e) => e.type).slice(-2)).toEqual(['FundsReserved', 'FundsRejected']);
  });
});

describe('ReleaseFunds', () => {
  it('gives a cancelled investment its escrow back, once', async () => {
    const { wallet, fund, invest, release } = walletFixture();
    await fund(ANA, '100');
    await invest(1, ANA, 4_000n);
    const cancelled = { investmentId: uuid(101), cprId: CPR, investorId: ANA, amount: 4_000n };
    expect(await release.investment(cancelled)).toBe(4_000n);
    expect(await release.investment(cancelled)).toBe(0n);
    expect(await release.cpr(CPR, ISSUER)).toBe(0);
    expect(wallet.balance(`available:${ANA}`)).toBe(10_000n);
    expect(wallet.balance(`escrow:${uuid(101)}`)).toBe(0n);
  });

  it('releases every reservation of a cancelled CPR, and nothing for the rejected ones', async () => {
    const { wallet, fund, invest, release } = walletFixture();
    await fund(ANA, '100');
    await fund(BRUNO, '50');
    await invest(1, ANA, 7_000n);
    await invest(2, BRUNO, 5_000n);
    await invest(3, BRUNO, 1_000n); // rejected
    expect(await release.cpr(CPR, ISSUER)).toBe(2);
    expect([wallet.balance(`available:${ANA}`), wallet.balance(`available:${BRUNO}`)]).toEqual([10_000n, 5_000n]);
    // A request that arrives after the cancellation reserves nothing.
    expect(await invest(4, ANA, 1_000n)).toBe('RELEASED');
    expect(wallet.balance(`available:${ANA}`)).toBe(10_000n);
  });

  it('remembers a cancellation that overtook its request', async () => {
    const { wallet, fund, invest, release } = walletFixture();
    await fund(ANA, '100');
    await release.investment({ investmentId: uuid(101), cprId: CPR, investorId: ANA, amount: 4_000n });
    expect(await invest(1, ANA, 4_000n)).toBe('RELEASED');
    expect(wallet.balance(`available:${ANA}`)).toBe(10_000n);
  });
});

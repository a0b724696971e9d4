import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { WalletEvents, type Em } from '@peerseed/shared';
import type { EventUseCaseDeps, InvestmentRequest } from '../src/application/reserve-funds.use-case.js';
import { ReserveFunds } from '../src/application/reserve-funds.use-case.js';
import { ReleaseFunds } from '../src/application/release-funds.use-case.js';
import type { ReservationRepository, UnitOfWork, WalletTransaction } from '../src/application/ports.js';
import type { Reservation } from '../src/domain/reservation.js';
import { MikroOrmUnitOfWork } from '../src/persistence/mikro-orm-unit-of-work.js';
import { balance, fund, HEALTHY_LEDGER, ledgerInvariants, outboxed } from './support/ledger-helpers.js';
import { eventually, investor, startTestWallet, type TestWallet } from './support/test-wallet.js';

/**
 * `marketplace.investment.requested` and `.cancelled` go to different consumers, so the wallet
 * may reserve and release one investment at the same time. Each test pauses one use case in
 * its own transaction at a chosen step (after its check of the reservation found nothing, or
 * after it wrote the reservation), runs the other there, then lets the first one finish.
 */
describe('an investment cancelled while the wallet reserves it (real PostgreSQL)', () => {
  let wallet: TestWallet;
  beforeAll(async () => {
    wallet = await startTestWallet();
  });
  afterAll(async () => {
    await wallet.stop();
  });

  /** A use case's dependencies on its own connection; `meanwhile` runs once, right after its first `reservations[step]`. */
  const deps = (pause?: { step: keyof ReservationRepository; meanwhile: () => Promise<unknown> }): EventUseCaseDeps => {
    const uow = new MikroOrmUnitOfWork(wallet.orm.em.fork() as Em, {
      outbox: wallet.events.outbox,
      afterCommit: () => wallet.events.relay.wake(),
    });
    let pending = pause;
    const paused = (tx: WalletTransaction): WalletTransaction => {
      const after =
        <A extends unknown[], R>(step: keyof ReservationRepository, call: (...args: A) => Promise<R>) =>
        async (...args: A): Promise<R> => {
          const result = await call(...args);
          if (pending?.step === step) {
            const { meanwhile } = pending;
            pending = undefined;
            await meanwhile();
          }
          return result;
        };
      const { reservations } = tx;
      return {
        ...tx,
        reservations: {
          findForUpdate: after('findForUpdate', (id: string) => reservations.findForUpdate(id)),
          claim: after('claim', (r: Reservation) => reservations.claim(r)),
          setStatus: (ids, status, at) => reservations.setStatus(ids, status, at),
          reservedForCprForUpdate: (cprId) => reservations.reservedForCprForUpdate(cprId),
        },
      };
    };
    const hooked: UnitOfWork = {
      run: (work) => uow.run((tx) => work(paused(tx))),
      read: (work) => uow.read(work),
    };
    return { uow: hooked, ids: { newId: () => randomUUID() }, clock: { now: () => new Date() } };
  };

  /** Resolves once some statement on this database waits for a row lock. */
  const someoneWaitsForALock = () =>
    eventually(async () => {
      const rows = await wallet.sql(
        `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      return rows.length > 0;
    }, 'a statement waiting for a lock');

  const anInvestment = async (): Promise<InvestmentRequest> => {
    const ana = investor();
    await fund(wallet, ana, '100');
    return { investmentId: randomUUID(), cprId: randomUUID(), investorId: ana.id, amount: 4_000n };
  };

  const endState = async (investment: InvestmentRequest) => ({
    available: await balance(wallet, `available:${investment.investorId}`),
    escrow: await balance(wallet, `escrow:${investment.investmentId}`),
    status: (
      await wallet.sql<{ status: string }>('select status from reservations where investment_id = ?', [
        investment.investmentId,
      ])
    )[0]?.status,
  });

  it('reserves nothing when the cancellation commits after the reservation was checked', async () => {
    const investment = await anInvestment();
    const cancel = () => new ReleaseFunds(deps()).investment(investment);

    const answer = await new ReserveFunds(deps({ step: 'findForUpdate', meanwhile: cancel })).execute(investment);

    expect(await endState(investment)).toEqual({ available: 10_000n, escrow: 0n, status: 'RELEASED' });
    expect(answer).toBe('RELEASED');
    const reserved = (await outboxed(wallet, WalletEvents.FundsReserved.subject)).filter(
      (e) => e['investmentId'] === investment.investmentId,
    );
    expect(reserved).toEqual([]);
    expect(await ledgerInvariants(wallet)).toEqual(HEALTHY_LEDGER);
  });

  it('releases the escrow when the reservation commits after the cancellation was checked', async () => {
    const investment = await anInvestment();
    const reserve = () => new ReserveFunds(deps()).execute(investment);

    const released = await new ReleaseFunds(deps({ step: 'findForUpdate', meanwhile: reserve })).investment(investment);

    expect(await endState(investment)).toEqual({ available: 10_000n, escrow: 0n, status: 'RELEASED' });
    expect(released).toBe(4_000n);
    expect(await ledgerInvariants(wallet)).toEqual(HEALTHY_LEDGER);
  });

  it('releases the escrow when the cancellation waits for a reservation in flight', async () => {
    const investment = await anInvestment();
    let cancelled!: Promise<bigint>;
    // The reservation has claimed its row but not committed: the cancellation's insert waits for it.
    const cancelAndWait = async () => {
      cancelled = new ReleaseFunds(deps()).investment(investment);
      await someoneWaitsForALock();
    };

    const answer = await new ReserveFunds(deps({ step: 'claim', meanwhile: cancelAndWait })).execute(investment);

    expect(await cancelled).toBe(4_000n);
    expect(answer).toBe('RESERVED');
    expect(await endState(investment)).toEqual({ available: 10_000n, escrow: 0n, status: 'RELEASED' });
    expect(await ledgerInvariants(wallet)).toEqual(HEALTHY_LEDGER);
  });
});

import { ConfirmDeposit } from '../../src/application/confirm-deposit.use-case.js';
import { CreditDistribution } from '../../src/application/credit-distribution.use-case.js';
import { DisburseCpr, type CprDisbursement } from '../../src/application/disburse-cpr.use-case.js';
import { GetPayments } from '../../src/application/get-payments.use-case.js';
import { GetStatement } from '../../src/application/get-statement.use-case.js';
import { PayInstallment } from '../../src/application/pay-installment.use-case.js';
import { ReleaseFunds } from '../../src/application/release-funds.use-case.js';
import { RequestDeposit } from '../../src/application/request-deposit.use-case.js';
import { ReserveFunds } from '../../src/application/reserve-funds.use-case.js';
import { DEFAULT_LATE_CHARGE_POLICY } from '../../src/domain/late-charges.js';
import { InMemoryWallet, ManualClock, sequentialIds, uuid } from './in-memory-wallet.js';

export const ISSUER = uuid(1);
export const CPR = uuid(2);
export const ANA = uuid(11);
export const BRUNO = uuid(12);

/** The wallet's use cases over the in-memory ports, with a manual clock. */
export function walletFixture(options: { originationFeeBps?: number; depositTtlHours?: number } = {}) {
  const wallet = new InMemoryWallet();
  const clock = new ManualClock();
  const ids = sequentialIds();
  const deps = { uow: wallet, ids, clock };
  const depositDeps = { ...deps, depositTtlMs: (options.depositTtlHours ?? 24) * 3_600_000 };
  const useCases = {
    requestDeposit: new RequestDeposit(depositDeps),
    confirmDeposit: new ConfirmDeposit(depositDeps),
    reserve: new ReserveFunds(deps),
    release: new ReleaseFunds(deps),
    disburse: new DisburseCpr({ ...deps, originationFeeBps: options.originationFeeBps ?? 300 }),
    pay: new PayInstallment({ ...deps, lateCharges: DEFAULT_LATE_CHARGE_POLICY }),
    credit: new CreditDistribution(deps),
    statement: new GetStatement(wallet),
    payments: new GetPayments({ findWithRights: (asks) => wallet.read((tx) => tx.payments.findWithRights(asks)) }),
  };
  /** Deposits and confirms `amount` (a Decimal string) for `userId`. */
  const fund = async (userId: string, amount: string) =>
    useCases.confirmDeposit.execute((await useCases.requestDeposit.execute(userId, amount)).id);
  /** Reserves `amount` centavos for investment `n` of `investorId` in `CPR`. */
  const invest = (n: number, investorId: string, amount: bigint, cprId = CPR) =>
    useCases.reserve.execute({ investmentId: uuid(100 + n), cprId, investorId, amount });
  /** A disbursement of `CPR` by ISSUER with the given holdings (investment n → amount) and schedule. */
  const disbursement = (
    holdings: [n: number, investorId: string, amount: bigint][],
    installments: [dueDate: string, amount: bigint][] = [['2027-01-15T00:00:00.000Z', 50_000n]],
  ): CprDisbursement => ({
    cprId: CPR,
    issuerId: ISSUER,
    fundedAmount: holdings.reduce((sum, [, , amount]) => sum + amount, 0n),
    holdings: holdings.map(([n, investorId, amount]) => ({ investmentId: uuid(100 + n), investorId, amount })),
    installments: installments.map(([dueDate, amount], i) => ({ number: i + 1, dueDate: new Date(dueDate), amount })),
  });
  return { wallet, clock, ids, ...useCases, fund, invest, disbursement };
}

import { parseMoneyInput } from '@peerseed/shared/domain';
import { depositStatusAt, type Deposit, type DepositStatus } from '../domain/deposit.js';
import type { Clock, IdGenerator, UnitOfWork } from './ports.js';

/** A deposit as the API shows it: with its status at the time of asking. */
export interface DepositView extends Omit<Deposit, 'status'> {
  status: DepositStatus;
}

export interface DepositDeps {
  uow: UnitOfWork;
  ids: IdGenerator;
  clock: Clock;
  /** How long a deposit may wait for the payment provider before it expires. */
  depositTtlMs: number;
}

export const depositView = (deposit: Deposit, at: Date, ttlMs: number): DepositView => ({
  ...deposit,
  status: depositStatusAt(deposit, at, ttlMs),
});

/** A user asks to bring money in; it waits, PENDING, for the payment provider's confirmation. */
export class RequestDeposit {
  constructor(private readonly deps: DepositDeps) {}

  async execute(ownerId: string, amountText: string): Promise<DepositView> {
    const amount = parseMoneyInput(amountText, 'amount');
    const deposit: Deposit = {
      id: this.deps.ids.newId(),
      ownerId,
      amount,
      status: 'PENDING',
      createdAt: this.deps.clock.now(),
      confirmedAt: null,
    };
    await this.deps.uow.run((tx) => tx.deposits.add(deposit));
    return depositView(deposit, deposit.createdAt, this.deps.depositTtlMs);
  }
}

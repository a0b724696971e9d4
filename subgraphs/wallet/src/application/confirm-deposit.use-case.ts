import { ConflictError, NotFoundError } from '@peerseed/shared/domain';
import { confirmDeposit } from '../domain/deposit.js';
import { IdempotencyKey } from '../domain/idempotency-keys.js';
import { available, system } from '../domain/ledger-account.js';
import { balancedTransaction, transfer } from '../domain/ledger-transaction.js';
import { isUuid } from './ids.js';
import { depositView, type DepositDeps, type DepositView } from './request-deposit.use-case.js';

/**
 * The payment provider's confirmation (an ADMIN stands in for it): the money enters from
 * EXTERNAL into the owner's available balance, once, and `wallet.deposit.confirmed` is published.
 */
export class ConfirmDeposit {
  constructor(private readonly deps: DepositDeps) {}

  async execute(depositId: string): Promise<DepositView> {
    if (!isUuid(depositId)) throw new NotFoundError(`No deposit ${depositId}`);
    const now = this.deps.clock.now();
    return this.deps.uow.run(async (tx) => {
      const deposit = await tx.deposits.findByIdForUpdate(depositId);
      if (!deposit) throw new NotFoundError(`No deposit ${depositId}`);
      const confirmed = confirmDeposit(deposit, now, this.deps.depositTtlMs);
      const transaction = balancedTransaction(
        {
          id: this.deps.ids.newId(),
          kind: 'DEPOSIT',
          idempotencyKey: IdempotencyKey.deposit(deposit.id),
          reference: deposit.id,
          cprId: null,
          createdAt: now,
        },
        transfer(system('EXTERNAL'), available(deposit.ownerId), deposit.amount),
      );
      // The row lock makes this unreachable in practice; the key is the ledger's own guarantee.
      if ((await tx.ledger.post(transaction)) === 'duplicate') throw new ConflictError('Deposit already confirmed');
      await tx.deposits.markConfirmed(deposit.id, now);
      await tx.events.depositConfirmed(confirmed);
      return depositView(confirmed, now, this.deps.depositTtlMs);
    });
  }
}

import type { UnitOfWork, WalletBalances } from './ports.js';

/** A user's balances; a user who never had money has a wallet of zeros. */
export class GetWallet {
  constructor(private readonly uow: UnitOfWork) {}

  execute(ownerId: string): Promise<WalletBalances> {
    return this.uow.read((tx) => tx.ledger.walletOf(ownerId));
  }
}

import type { BaseContext } from '@peerseed/shared';
import type DataLoader from 'dataloader';
import type { ConfirmDeposit } from '../application/confirm-deposit.use-case.js';
import type { GetStatement } from '../application/get-statement.use-case.js';
import type { GetWallet } from '../application/get-wallet.use-case.js';
import type { PayInstallment } from '../application/pay-installment.use-case.js';
import type { RequestDeposit } from '../application/request-deposit.use-case.js';
import type { Payment } from '../domain/payment.js';

/** The use cases of one request, wired to that request's EntityManager fork. */
export interface WalletUseCases {
  getWallet: GetWallet;
  getStatement: GetStatement;
  requestDeposit: RequestDeposit;
  confirmDeposit: ConfirmDeposit;
  payInstallment: PayInstallment;
}

export interface WalletContext extends BaseContext {
  useCases: WalletUseCases;
  /** Payments the viewer may see, batched (`payment` and federation references); null otherwise. */
  payments: DataLoader<string, Payment | null>;
}

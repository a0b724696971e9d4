import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { centavos, isoTime, uuid } from './common.js';

export const FundsReserved = defineEvent(
  'WALLET',
  'wallet.funds.reserved',
  1,
  z.object({ investmentId: uuid, cprId: uuid, investorId: uuid, amount: centavos }),
);
export const FundsRejected = defineEvent(
  'WALLET',
  'wallet.funds.rejected',
  1,
  z.object({
    investmentId: uuid,
    cprId: uuid,
    investorId: uuid,
    amount: centavos,
    reason: z.enum(['INSUFFICIENT_FUNDS']),
  }),
);

/** PagamentoConfirmado (seed 000): an installment was paid from the issuer's wallet. */
export const PaymentConfirmed = defineEvent(
  'WALLET',
  'wallet.payment.confirmed',
  1,
  z.object({
    paymentId: uuid,
    cprId: uuid,
    issuerId: uuid,
    installmentNumber: z.number().int().positive(),
    amount: centavos,
    paidAt: isoTime,
  }),
);
export const DistributionCredited = defineEvent(
  'WALLET',
  'wallet.distribution.credited',
  1,
  z.object({
    distributionId: uuid,
    paymentId: uuid,
    cprId: uuid,
    installmentNumber: z.number().int().positive(),
    credits: z.array(z.object({ investorId: uuid, amount: centavos })),
  }),
);
export const DepositConfirmed = defineEvent(
  'WALLET',
  'wallet.deposit.confirmed',
  1,
  z.object({ depositId: uuid, ownerId: uuid, amount: centavos }),
);

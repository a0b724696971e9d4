import { z } from 'zod';
import { INVESTMENT_CANCELLATION_REASONS } from '../../domain/investment-cancellation.js';
import { defineEvent } from '../contract.js';
import { centavos, isoTime, uuid } from './common.js';

const investment = { investmentId: uuid, cprId: uuid, investorId: uuid, amount: centavos };

/** An investor asked to invest; the wallet answers with funds reserved or rejected. */
export const InvestmentRequested = defineEvent(
  'MARKETPLACE',
  'marketplace.investment.requested',
  1,
  z.object(investment),
);
export const InvestmentConfirmed = defineEvent(
  'MARKETPLACE',
  'marketplace.investment.confirmed',
  1,
  z.object(investment),
);
export const InvestmentRejected = defineEvent(
  'MARKETPLACE',
  'marketplace.investment.rejected',
  1,
  z.object({ ...investment, reason: z.string() }),
);
/**
 * The wallet releases the escrow, whatever the reason (INVESTMENT_CANCELLATION_REASONS): the
 * investor withdrew (WITHDRAWN), the offer was cancelled (OFFER_CANCELLED), or it closed funded
 * before the wallet confirmed this investment (OFFER_CLOSED). A reason added later fails the
 * validation of consumers built before it: deploy the consumers first.
 */
export const InvestmentCancelled = defineEvent(
  'MARKETPLACE',
  'marketplace.investment.cancelled',
  1,
  z.object({ ...investment, reason: z.enum(INVESTMENT_CANCELLATION_REASONS) }),
);

export const CprOpened = defineEvent(
  'MARKETPLACE',
  'marketplace.cpr.opened',
  1,
  z.object({ cprId: uuid, issuerId: uuid, targetAmount: centavos, fundingDeadline: isoTime }),
);
export const CprFunded = defineEvent(
  'MARKETPLACE',
  'marketplace.cpr.funded',
  1,
  z.object({ cprId: uuid, issuerId: uuid, fundedAmount: centavos }),
);

/** Disbursed: the holdings (who holds how much) and the fixed installment schedule. */
export const CprDisbursed = defineEvent(
  'MARKETPLACE',
  'marketplace.cpr.disbursed',
  1,
  z.object({
    cprId: uuid,
    issuerId: uuid,
    fundedAmount: centavos,
    holdings: z.array(z.object({ investmentId: uuid, investorId: uuid, amount: centavos, investedAt: isoTime })),
    installments: z.array(z.object({ number: z.number().int().positive(), dueDate: isoTime, amount: centavos })),
  }),
);
export const CprCancelled = defineEvent(
  'MARKETPLACE',
  'marketplace.cpr.cancelled',
  1,
  z.object({ cprId: uuid, issuerId: uuid, reason: z.string() }),
);
export const CprSettled = defineEvent(
  'MARKETPLACE',
  'marketplace.cpr.settled',
  1,
  z.object({ cprId: uuid, issuerId: uuid }),
);
export const InstallmentLate = defineEvent(
  'MARKETPLACE',
  'marketplace.installment.late',
  1,
  z.object({ cprId: uuid, issuerId: uuid, number: z.number().int().positive(), dueDate: isoTime }),
);

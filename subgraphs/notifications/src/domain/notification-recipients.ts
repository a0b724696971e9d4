import type { InvestmentCancellationReason } from '@peerseed/shared/domain';
import type { Message, NotificationDraft, NotificationKind } from './notification.js';
import * as messages from './notification-messages.js';

// Who hears about what: each function takes an event's facts (ids, centavos, dates) and
// returns one draft per person to tell, never two for the same person.

export interface InvestmentFacts {
  investmentId: string;
  cprId: string;
  investorId: string;
  amount: bigint;
}

export interface ScheduledInstallment {
  number: number;
  dueDate: Date;
}

const draft = (recipientId: string, kind: NotificationKind, message: Message): NotificationDraft => ({
  recipientId,
  kind,
  ...message,
});

/** Amounts per person: an investor with two investments (or two lines) is told once, of the sum. */
function sumByPerson(entries: { personId: string; amount: bigint }[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const { personId, amount } of entries) sums.set(personId, (sums.get(personId) ?? 0n) + amount);
  return sums;
}

export const onInvestmentConfirmed = (f: InvestmentFacts) => [
  draft(f.investorId, 'INVESTMENT_CONFIRMED', messages.investmentConfirmed(f)),
];

export const onInvestmentRejected = (f: InvestmentFacts & { reason: string }) => [
  draft(f.investorId, 'INVESTMENT_REJECTED', messages.investmentRejected(f)),
];

/**
 * The investor hears of a refund because the offer was cancelled, and of an investment the
 * offer closed without (funded before the wallet confirmed it); a withdrawal is their own doing.
 */
export function onInvestmentCancelled(
  f: InvestmentFacts & { reason: InvestmentCancellationReason },
): NotificationDraft[] {
  switch (f.reason) {
    case 'OFFER_CANCELLED':
      return [draft(f.investorId, 'OFFER_CANCELLED', messages.offerCancelledToInvestor(f))];
    case 'OFFER_CLOSED':
      return [draft(f.investorId, 'INVESTMENT_REJECTED', messages.investmentClosedOut(f))];
    case 'WITHDRAWN':
      return [];
  }
}

export const onCprFunded = (f: { cprId: string; issuerId: string; fundedAmount: bigint }) => [
  draft(f.issuerId, 'OFFER_FUNDED', messages.offerFunded(f)),
];

export const onCprCancelled = (f: { cprId: string; issuerId: string; reason: string }) => [
  draft(f.issuerId, 'OFFER_CANCELLED', messages.offerCancelledToIssuer(f)),
];

/** The issuer, then each holder once (with the sum of their holdings). */
export function onCprDisbursed(f: {
  cprId: string;
  issuerId: string;
  fundedAmount: bigint;
  holdings: { investorId: string; amount: bigint }[];
  installments: ScheduledInstallment[];
}): NotificationDraft[] {
  const holders = sumByPerson(f.holdings.map((h) => ({ personId: h.investorId, amount: h.amount })));
  holders.delete(f.issuerId); // told as the issuer already
  return [
    draft(f.issuerId, 'CPR_DISBURSED', messages.cprDisbursedToIssuer(f)),
    ...[...holders].map(([investorId, amount]) =>
      draft(investorId, 'CPR_DISBURSED', messages.cprDisbursedToHolder({ ...f, amount })),
    ),
  ];
}

export const onPaymentConfirmed = (f: {
  cprId: string;
  issuerId: string;
  installmentNumber: number;
  amount: bigint;
}) => [draft(f.issuerId, 'PAYMENT_CONFIRMED', messages.paymentConfirmed(f))];

/** Each investor credited something, once, with their total (a zero credit is not news). */
export function onDistributionCredited(f: {
  cprId: string;
  installmentNumber: number;
  credits: { investorId: string; amount: bigint }[];
}): NotificationDraft[] {
  const credited = sumByPerson(f.credits.map((c) => ({ personId: c.investorId, amount: c.amount })));
  return [...credited]
    .filter(([, amount]) => amount > 0n)
    .map(([investorId, amount]) =>
      draft(investorId, 'DISTRIBUTION_CREDITED', messages.distributionCredited({ ...f, amount })),
    );
}

export const onInstallmentLate = (f: { cprId: string; issuerId: string; number: number; dueDate: Date }) => [
  draft(f.issuerId, 'INSTALLMENT_LATE', messages.installmentLate(f)),
];

import { describe, expect, it } from '@jest/globals';
import { emailFor } from './notification-email.js';
import * as on from './notification-recipients.js';

const cprId = '3f2a9c1b-7d4e-4a5b-9c6d-0e1f2a3b4c5d';
const [ISSUER, ANA, BRUNO] = ['issuer', 'ana', 'bruno'];
const investment = { investmentId: 'i1', cprId, investorId: ANA, amount: 100_00n };
const who = (drafts: { recipientId: string; kind: string }[]) => drafts.map((d) => [d.recipientId, d.kind]);

describe('who hears about what', () => {
  it('investments: the investor', () => {
    expect(who(on.onInvestmentConfirmed(investment))).toEqual([[ANA, 'INVESTMENT_CONFIRMED']]);
    expect(who(on.onInvestmentRejected({ ...investment, reason: 'INSUFFICIENT_FUNDS' }))).toEqual([
      [ANA, 'INVESTMENT_REJECTED'],
    ]);
  });

  it('a cancelled investment: the investor when the offer was cancelled or closed without it, no one on a withdrawal', () => {
    expect(who(on.onInvestmentCancelled({ ...investment, reason: 'OFFER_CANCELLED' }))).toEqual([
      [ANA, 'OFFER_CANCELLED'],
    ]);
    expect(who(on.onInvestmentCancelled({ ...investment, reason: 'OFFER_CLOSED' }))).toEqual([
      [ANA, 'INVESTMENT_REJECTED'],
    ]);
    expect(on.onInvestmentCancelled({ ...investment, reason: 'WITHDRAWN' })).toEqual([]);
  });

  it('offers funded, cancelled, installments late and payments confirmed: the issuer', () => {
    expect(who(on.onCprFunded({ cprId, issuerId: ISSUER, fundedAmount: 1n }))).toEqual([[ISSUER, 'OFFER_FUNDED']]);
    expect(who(on.onCprCancelled({ cprId, issuerId: ISSUER, reason: 'MINIMUM_NOT_REACHED' }))).toEqual([
      [ISSUER, 'OFFER_CANCELLED'],
    ]);
    expect(who(on.onInstallmentLate({ cprId, issuerId: ISSUER, number: 1, dueDate: new Date() }))).toEqual([
      [ISSUER, 'INSTALLMENT_LATE'],
    ]);
    expect(who(on.onPaymentConfirmed({ cprId, issuerId: ISSUER, installmentNumber: 1, amount: 1n }))).toEqual([
      [ISSUER, 'PAYMENT_CONFIRMED'],
    ]);
  });

  it('a disbursed CPR: the issuer, then each holder once with the sum of their holdings', () => {
    const drafts = on.onCprDisbursed({
      cprId,
      issuerId: ISSUER,
      fundedAmount: 100_000n,
      holdings: [
        { investorId: ANA, amount: 40_000n },
        { investorId: BRUNO, amount: 40_000n },
        { investorId: ANA, amount: 20_000n },
      ],
      installments: [{ number: 1, dueDate: new Date('2027-01-15T15:00:00Z') }],
    });
    expect(who(drafts)).toEqual([
      [ISSUER, 'CPR_DISBURSED'],
      [ANA, 'CPR_DISBURSED'],
      [BRUNO, 'CPR_DISBURSED'],
    ]);
    expect(drafts[1]!.body).toContain('investiu R$ 600,00');
    expect(drafts[2]!.body).toContain('investiu R$ 400,00');
  });

  it('an issuer who also holds the CPR is told once, as the issuer', () => {
    const drafts = on.onCprDisbursed({
      cprId,
      issuerId: ISSUER,
      fundedAmount: 1_000n,
      holdings: [{ investorId: ISSUER, amount: 1_000n }],
      installments: [],
    });
    expect(who(drafts)).toEqual([[ISSUER, 'CPR_DISBURSED']]);
  });

  it('a distribution: each investor credited once, with their total; nobody for a zero credit', () => {
    const drafts = on.onDistributionCredited({
      cprId,
      installmentNumber: 2,
      credits: [
        { investorId: ANA, amount: 10_000n },
        { investorId: BRUNO, amount: 0n },
        { investorId: ANA, amount: 2_345n },
      ],
    });
    expect(who(drafts)).toEqual([[ANA, 'DISTRIBUTION_CREDITED']]);
    expect(drafts[0]!.body).toBe('Você recebeu R$ 123,45 referentes à parcela 2 da CPR 3F2A9C1B.');
  });

  it('the email says the same as the notification', () => {
    const [draft] = on.onInvestmentConfirmed(investment);
    const email = emailFor(draft!);
    expect(email.subject).toBe('Peerseed: Investimento confirmado');
    expect(email.text.split('\n')[0]).toBe(draft!.body);
  });
});

import { describe, expect, it } from '@jest/globals';
import * as messages from './notification-messages.js';
import { brl, cprName, dateBR } from './pt-br-format.js';

const cprId = '3f2a9c1b-7d4e-4a5b-9c6d-0e1f2a3b4c5d';

describe('pt-BR formatting', () => {
  it('formats centavos as Brazilian reais', () => {
    expect(brl(123_450n)).toBe('R$ 1.234,50');
    expect(brl(5n)).toBe('R$ 0,05');
    expect(brl(1_000_000_000n)).toBe('R$ 10.000.000,00');
  });

  it('names a CPR by the first 8 hex digits of its id', () => {
    expect(cprName(cprId)).toBe('CPR 3F2A9C1B');
  });

  it('shows dates as dd/mm/aaaa on the calendar of Brasília', () => {
    expect(dateBR(new Date('2027-01-15T12:00:00Z'))).toBe('15/01/2027');
    // 01:00 UTC on the 16th is still the 15th in Brasília (UTC-3).
    expect(dateBR(new Date('2027-01-16T01:00:00Z'))).toBe('15/01/2027');
  });
});

describe('notification texts (pt-BR)', () => {
  const installments = [
    { number: 2, dueDate: new Date('2027-02-15T15:00:00Z') },
    { number: 1, dueDate: new Date('2027-01-15T15:00:00Z') },
  ];

  it.each([
    [
      'INVESTMENT_CONFIRMED',
      messages.investmentConfirmed({ cprId, amount: 150_000n }),
      'Investimento confirmado',
      'Seu investimento de R$ 1.500,00 na CPR 3F2A9C1B foi confirmado.',
    ],
    [
      'INVESTMENT_REJECTED',
      messages.investmentRejected({ cprId, amount: 2_000_000n, reason: 'INSUFFICIENT_FUNDS' }),
      'Investimento não realizado',
      'Seu investimento de R$ 20.000,00 na CPR 3F2A9C1B não foi realizado, porque o saldo disponível na sua carteira era insuficiente. Nenhum valor foi movimentado.',
    ],
    [
      'INVESTMENT_REJECTED (offer closed)',
      messages.investmentClosedOut({ cprId, amount: 100_000n }),
      'Investimento não realizado',
      'Seu investimento de R$ 1.000,00 na CPR 3F2A9C1B não foi realizado, porque a oferta foi encerrada antes da confirmação da reserva. Qualquer valor reservado voltou ao saldo disponível da sua carteira.',
    ],
    [
      'OFFER_FUNDED',
      messages.offerFunded({ cprId, fundedAmount: 10_000_000n }),
      'Captação concluída',
      'A oferta da CPR 3F2A9C1B foi concluída com R$ 100.000,00 captados. O desembolso será feito após a aprovação da Peerseed.',
    ],
    [
      'OFFER_CANCELLED (issuer)',
      messages.offerCancelledToIssuer({ cprId, reason: 'MINIMUM_NOT_REACHED' }),
      'Oferta cancelada',
      'A oferta da CPR 3F2A9C1B foi cancelada, porque o valor mínimo não foi captado até o prazo. Os valores reservados foram devolvidos aos investidores.',
    ],
    [
      'OFFER_CANCELLED (investor)',
      messages.offerCancelledToInvestor({ cprId, amount: 50_000n }),
      'Oferta cancelada',
      'A oferta da CPR 3F2A9C1B foi cancelada e seu investimento de R$ 500,00 foi devolvido ao saldo disponível da sua carteira.',
    ],
    [
      'CPR_DISBURSED (issuer)',
      messages.cprDisbursedToIssuer({ cprId, fundedAmount: 10_000_000n, installments }),
      'CPR desembolsada',
      'Os R$ 100.000,00 captados pela CPR 3F2A9C1B foram creditados na sua carteira, descontada a taxa de originação. O pagamento será feito em 2 parcelas; a primeira vence em 15/01/2027.',
    ],
    [
      'CPR_DISBURSED (holder)',
      messages.cprDisbursedToHolder({ cprId, amount: 60_000n, installments: installments.slice(1) }),
      'CPR desembolsada',
      'A CPR 3F2A9C1B, na qual você investiu R$ 600,00, foi desembolsada ao emissor. O pagamento será feito em 1 parcela; a primeira vence em 15/01/2027.',
    ],
    [
      'PAYMENT_CONFIRMED',
      messages.paymentConfirmed({ cprId, installmentNumber: 2, amount: 51_234n }),
      'Pagamento confirmado',
      'O pagamento de R$ 512,34 da parcela 2 da CPR 3F2A9C1B foi confirmado.',
    ],
    [
      'DISTRIBUTION_CREDITED',
      messages.distributionCredited({ cprId, installmentNumber: 2, amount: 12_345n }),
      'Pagamento recebido',
      'Você recebeu R$ 123,45 referentes à parcela 2 da CPR 3F2A9C1B.',
    ],
    [
      'INSTALLMENT_LATE',
      messages.installmentLate({ cprId, number: 3, dueDate: new Date('2027-03-15T15:00:00Z') }),
      'Parcela em atraso',
      'A parcela 3 da CPR 3F2A9C1B, com vencimento em 15/03/2027, está em atraso. Pague o quanto antes: atrasos têm multa e juros.',
    ],
  ])('%s', (_kind, message, title, body) => {
    expect(message).toEqual({ title, body });
  });

  it('says nothing made up for a reason it does not know', () => {
    expect(messages.investmentRejected({ cprId, amount: 100n, reason: 'SOMETHING_NEW' }).body).toBe(
      'Seu investimento de R$ 1,00 na CPR 3F2A9C1B não foi realizado. Nenhum valor foi movimentado.',
    );
    expect(messages.offerCancelledToIssuer({ cprId, reason: 'ADMIN' }).body).toMatch(
      /^A oferta da CPR 3F2A9C1B foi cancelada\. /,
    );
  });
});

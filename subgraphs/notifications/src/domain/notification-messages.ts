import type { Message } from './notification.js';
import { brl, cprName, dateBR } from './pt-br-format.js';

// The texts people read, in pt-BR. Amounts are integer centavos; events name CPRs by id only.

// Reasons other services send, in words; an unknown reason gets a neutral text rather than a code.
const REJECTION_REASONS: Record<string, string> = {
  INSUFFICIENT_FUNDS: 'o saldo disponível na sua carteira era insuficiente',
};
const CANCELLATION_REASONS: Record<string, string> = {
  MINIMUM_NOT_REACHED: 'o valor mínimo não foi captado até o prazo',
};
const because = (reasons: Record<string, string>, reason: string) =>
  reasons[reason] ? `, porque ${reasons[reason]}` : '';

export const investmentConfirmed = (f: { cprId: string; amount: bigint }): Message => ({
  title: 'Investimento confirmado',
  body: `Seu investimento de ${brl(f.amount)} na ${cprName(f.cprId)} foi confirmado.`,
});

export const investmentRejected = (f: { cprId: string; amount: bigint; reason: string }): Message => ({
  title: 'Investimento não realizado',
  body:
    `Seu investimento de ${brl(f.amount)} na ${cprName(f.cprId)} não foi realizado` +
    `${because(REJECTION_REASONS, f.reason)}. Nenhum valor foi movimentado.`,
});

export const investmentClosedOut = (f: { cprId: string; amount: bigint }): Message => ({
  title: 'Investimento não realizado',
  body:
    `Seu investimento de ${brl(f.amount)} na ${cprName(f.cprId)} não foi realizado, porque a oferta foi encerrada ` +
    'antes da confirmação da reserva. Qualquer valor reservado voltou ao saldo disponível da sua carteira.',
});

export const offerFunded = (f: { cprId: string; fundedAmount: bigint }): Message => ({
  title: 'Captação concluída',
  body: `A oferta da ${cprName(f.cprId)} foi concluída com ${brl(f.fundedAmount)} captados. O desembolso será feito após a aprovação da Peerseed.`,
});

export const offerCancelledToIssuer = (f: { cprId: string; reason: string }): Message => ({
  title: 'Oferta cancelada',
  body:
    `A oferta da ${cprName(f.cprId)} foi cancelada${because(CANCELLATION_REASONS, f.reason)}. ` +
    'Os valores reservados foram devolvidos aos investidores.',
});

export const offerCancelledToInvestor = (f: { cprId: string; amount: bigint }): Message => ({
  title: 'Oferta cancelada',
  body: `A oferta da ${cprName(f.cprId)} foi cancelada e seu investimento de ${brl(f.amount)} foi devolvido ao saldo disponível da sua carteira.`,
});

/** The schedule as one phrase: "em 12 parcelas; a primeira vence em 15/01/2027". */
const schedule = (installments: { number: number; dueDate: Date }[]): string => {
  const first = [...installments].sort((a, b) => a.number - b.number)[0];
  if (!first) return '';
  const count = installments.length === 1 ? 'em 1 parcela' : `em ${installments.length} parcelas`;
  return ` O pagamento será feito ${count}; a primeira vence em ${dateBR(first.dueDate)}.`;
};

export const cprDisbursedToIssuer = (f: {
  cprId: string;
  fundedAmount: bigint;
  installments: { number: number; dueDate: Date }[];
}): Message => ({
  title: 'CPR desembolsada',
  body:
    `Os ${brl(f.fundedAmount)} captados pela ${cprName(f.cprId)} foram creditados na sua carteira, ` +
    `descontada a taxa de originação.${schedule(f.installments)}`,
});

export const cprDisbursedToHolder = (f: {
  cprId: string;
  amount: bigint;
  installments: { number: number; dueDate: Date }[];
}): Message => ({
  title: 'CPR desembolsada',
  body: `A ${cprName(f.cprId)}, na qual você investiu ${brl(f.amount)}, foi desembolsada ao emissor.${schedule(f.installments)}`,
});

export const paymentConfirmed = (f: { cprId: string; installmentNumber: number; amount: bigint }): Message => ({
  title: 'Pagamento confirmado',
  body: `O pagamento de ${brl(f.amount)} da parcela ${f.installmentNumber} da ${cprName(f.cprId)} foi confirmado.`,
});

export const distributionCredited = (f: { cprId: string; installmentNumber: number; amount: bigint }): Message => ({
  title: 'Pagamento recebido',
  body: `Você recebeu ${brl(f.amount)} referentes à parcela ${f.installmentNumber} da ${cprName(f.cprId)}.`,
});

export const installmentLate = (f: { cprId: string; number: number; dueDate: Date }): Message => ({
  title: 'Parcela em atraso',
  body:
    `A parcela ${f.number} da ${cprName(f.cprId)}, com vencimento em ${dateBR(f.dueDate)}, está em atraso. ` +
    'Pague o quanto antes: atrasos têm multa e juros.',
});

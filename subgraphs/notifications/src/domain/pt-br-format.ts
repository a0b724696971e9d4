import { Money } from '@peerseed/shared/domain';

// Dates are shown as Brazilians read them, on the calendar of Brasília (where due dates are set).
const DATE_BR = new Intl.DateTimeFormat('pt-BR', {
  timeZone: 'America/Sao_Paulo',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** Centavos as Brazilian reais: 123450n → "R$ 1.234,50". */
export const brl = (centavos: bigint): string => Money.ofCentavos(centavos).formatBRL();

/** A date as dd/mm/aaaa in Brasília time: 2027-01-15T12:00Z → "15/01/2027". */
export const dateBR = (date: Date): string => DATE_BR.format(date);

/**
 * How a CPR is named in texts. Events carry ids, not the CPR's code or product (we call no
 * other service), so the first 8 hex digits of its id, upper case: the marketplace's code
 * (`CPR-SOJA-2026-3F2A9C`) ends with the first 6 of them, so the user can match the two.
 */
export const cprShortCode = (cprId: string): string => cprId.replace(/-/g, '').slice(0, 8).toUpperCase();

/** "CPR 3F2A9C1B". */
export const cprName = (cprId: string): string => `CPR ${cprShortCode(cprId)}`;

/**
 * CNPJ (Cadastro Nacional da Pessoa Jurídica): 12 base characters plus 2 numeric check
 * digits. From July 2026 new CNPJs may use letters A-Z in the 12 base positions; each
 * character counts as its ASCII code minus 48 ('0'..'9' -> 0..9, 'A' -> 17), which keeps
 * numeric CNPJs valid under the same rule.
 */

const CNPJ_PUNCTUATION = /[./-]/g;
const CNPJ_SHAPE = /^[0-9A-Z]{12}[0-9]{2}$/;
const FIRST_WEIGHTS = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const SECOND_WEIGHTS = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] as const;

function charValue(char: string): number {
  return char.charCodeAt(0) - 48;
}

function cnpjCheckDigit(chars: string, weights: readonly number[]): number {
  let sum = 0;
  weights.forEach((weight, index) => {
    sum += charValue(chars.charAt(index)) * weight;
  });
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/**
 * Strips '.', '/' and '-', upper-cases, and returns the 14 characters when they form a
 * valid (numeric or alphanumeric) CNPJ, otherwise null.
 */
export function normalizeCnpj(text: string): string | null {
  if (typeof text !== 'string') return null;
  const value = text.replace(CNPJ_PUNCTUATION, '').toUpperCase();
  if (!CNPJ_SHAPE.test(value)) return null;
  // "00.000.000/0000-00" and friends pass the arithmetic but are not real CNPJs.
  if (/^(.)\1{13}$/.test(value)) return null;
  const first = cnpjCheckDigit(value, FIRST_WEIGHTS);
  const second = cnpjCheckDigit(value.slice(0, 12) + String(first), SECOND_WEIGHTS);
  return value.slice(12) === `${first}${second}` ? value : null;
}

/** True when `text` is a valid CNPJ, e.g. "11.222.333/0001-81" or "12.ABC.345/01DE-35". */
export function isValidCnpj(text: string): boolean {
  return normalizeCnpj(text) !== null;
}

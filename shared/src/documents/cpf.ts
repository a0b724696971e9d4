/**
 * CPF (Cadastro de Pessoas Físicas): 9 base digits plus 2 mod-11 check digits.
 */

const CPF_PUNCTUATION = /[.-]/g;
const ELEVEN_DIGITS = /^[0-9]{11}$/;

/** One mod-11 check digit over `digits`, weights counting down from `firstWeight` to 2. */
function cpfCheckDigit(digits: readonly number[], firstWeight: number): number {
  let sum = 0;
  digits.forEach((digit, index) => {
    sum += digit * (firstWeight - index);
  });
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/**
 * Strips the usual punctuation ('.' and '-') and returns the 11 digits when they form a
 * valid CPF, otherwise null.
 */
export function normalizeCpf(text: string): string | null {
  if (typeof text !== 'string') return null;
  const value = text.replace(CPF_PUNCTUATION, '');
  if (!ELEVEN_DIGITS.test(value)) return null;
  // "111.111.111-11" and friends pass the check-digit arithmetic but are not real CPFs.
  if (/^(\d)\1{10}$/.test(value)) return null;
  const digits = [...value].map(Number);
  const first = cpfCheckDigit(digits.slice(0, 9), 10);
  const second = cpfCheckDigit(digits.slice(0, 10), 11);
  return digits[9] === first && digits[10] === second ? value : null;
}

/** True when `text` is a valid CPF, formatted ("529.982.247-25") or not ("52998224725"). */
export function isValidCpf(text: string): boolean {
  return normalizeCpf(text) !== null;
}

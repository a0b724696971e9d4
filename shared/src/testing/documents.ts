import { randomInt } from 'node:crypto';
import { isValidCnpj, isValidCpf } from '../documents/index.js';

/** Finds the check digits of `base` by trying all 100 (the validators are tested on their own). */
function withCheckDigits(base: string, isValid: (text: string) => boolean): string {
  for (let check = 0; check < 100; check++) {
    const candidate = base + String(check).padStart(2, '0');
    if (isValid(candidate)) return candidate;
  }
  throw new Error(`no check digits for ${base}`);
}

const digits = (count: number) => Array.from({ length: count }, () => randomInt(10)).join('');

/** A random valid CPF, so test users never collide on the unique document. */
export const randomCpf = (): string => withCheckDigits(digits(9), isValidCpf);

/** A random valid CNPJ (branch 0001). */
export const randomCnpj = (): string => withCheckDigits(`${digits(8)}0001`, isValidCnpj);

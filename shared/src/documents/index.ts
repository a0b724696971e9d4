/**
 * Brazilian taxpayer documents: CPF for individuals, CNPJ for companies.
 * Documents are personal data (LGPD): never log them or put them in events.
 */
import { normalizeCnpj } from './cnpj.js';
import { normalizeCpf } from './cpf.js';

export { isValidCnpj, normalizeCnpj } from './cnpj.js';
export { isValidCpf, normalizeCpf } from './cpf.js';

/** Which document a value is. */
export type DocumentKind = 'CPF' | 'CNPJ';

/** An investor's or borrower's person type; decides e.g. income-tax exemption of CPR-F. */
export type PersonType = 'INDIVIDUAL' | 'COMPANY';

/** A validated document: `value` holds only digits and upper-case letters. */
export interface NormalizedDocument {
  kind: DocumentKind;
  value: string;
}

/** The text is neither a valid CPF nor a valid CNPJ. */
export class InvalidDocumentError extends Error {
  override readonly name = 'InvalidDocumentError';

  constructor() {
    // The message deliberately omits the input: it is personal data.
    super('The document is not a valid CPF or CNPJ');
  }
}

/**
 * Validates a CPF or CNPJ, formatted or not, and returns its kind and bare value.
 * Throws {@link InvalidDocumentError}.
 */
export function normalizeDocument(text: string): NormalizedDocument {
  const cpf = normalizeCpf(text);
  if (cpf !== null) return { kind: 'CPF', value: cpf };
  const cnpj = normalizeCnpj(text);
  if (cnpj !== null) return { kind: 'CNPJ', value: cnpj };
  throw new InvalidDocumentError();
}

/** CPF -> 'INDIVIDUAL', CNPJ -> 'COMPANY'. */
export function personTypeOf(kind: DocumentKind): PersonType {
  return kind === 'CPF' ? 'INDIVIDUAL' : 'COMPANY';
}

import { ValidationError } from '@peerseed/shared/domain';
import { normalizePhone } from './phone-number.js';

/** What the owner types about a contact, validated and normalised. */
export interface ContactDetails {
  firstName: string;
  lastName: string;
  /** Trimmed and lower-cased. */
  email: string;
  /** E.164 (`+5511987654321`), or null. */
  phone: string | null;
}

/** The raw input, as any adapter (GraphQL, a command) receives it. */
export interface ContactDetailsInput {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string | null | undefined;
}

export const NAME_MAX = 100;
export const EMAIL_MAX = 254;

// Pragmatic shape check: one @, a dot in the domain, no spaces (the same rule accounts uses).
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
// Control characters (including newlines) have no place in a name and break exports and logs.
const CONTROL = /\p{Cc}/u;

function name(raw: string, field: 'firstName' | 'lastName', label: string): string {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '') throw new ValidationError(`${label} is required`, field);
  if (value.length > NAME_MAX) throw new ValidationError(`${label} must have at most ${NAME_MAX} characters`, field);
  if (CONTROL.test(value)) throw new ValidationError(`${label} contains control characters`, field);
  return value;
}

function email(raw: string): string {
  const value = raw.trim().toLowerCase();
  if (value === '') throw new ValidationError('Email is required', 'email');
  if (value.length > EMAIL_MAX) throw new ValidationError(`Email must have at most ${EMAIL_MAX} characters`, 'email');
  if (!EMAIL.test(value)) throw new ValidationError('Email address is not valid', 'email');
  return value;
}

/**
 * The domain's rules for a contact's details (the seed's ContactService validation):
 * names required, trimmed, at most 100 characters; email shaped like one, at most 254;
 * phone optional, stored in E.164. The first broken rule is reported with its field.
 */
export function parseContactDetails(input: ContactDetailsInput): ContactDetails {
  return {
    firstName: name(input.firstName, 'firstName', 'First name'),
    lastName: name(input.lastName, 'lastName', 'Last name'),
    email: email(input.email),
    phone: normalizePhone(input.phone),
  };
}

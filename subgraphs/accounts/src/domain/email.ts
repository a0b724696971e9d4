import { ValidationError } from '@peerseed/shared/domain';

// Pragmatic shape check: one @, a dot in the domain, no spaces. Deliverability is
// proven by the confirmation email, not by a regular expression.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Trims and lower-cases an email so that uniqueness ignores case. */
export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) {
    throw new ValidationError('Email address is not valid', 'email');
  }
  return email;
}

import { ValidationError } from '@peerseed/shared/domain';

export const PASSWORD_MIN_LENGTH = 10;
// Bounded so a megabyte "password" cannot make the hash function do megabytes of work.
export const PASSWORD_MAX_LENGTH = 256;

/** Length is what matters (NIST SP 800-63B): at least 10 characters, no composition rules. */
export function assertAcceptablePassword(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    throw new ValidationError(`Password must have at least ${PASSWORD_MIN_LENGTH} characters`, 'password');
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw new ValidationError(`Password must have at most ${PASSWORD_MAX_LENGTH} characters`, 'password');
  }
  if (password.trim().length === 0) {
    throw new ValidationError('Password must not be blank', 'password');
  }
}

import { ValidationError } from '@peerseed/shared/domain';

export const PASSWORD_MIN_LENGTH = 10;
// Bounded so a megabyte "password" cannot make the hash function do megabytes of work.
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Length is what matters (NIST SP 800-63B): at least 10 characters, no composition rules.
 * Returns what is wrong with `password`, or undefined when it is acceptable.
 */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Password must have at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `Password must have at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim().length === 0) return 'Password must not be blank';
  return undefined;
}

export function assertAcceptablePassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem !== undefined) throw new ValidationError(problem, 'password');
}

/**
 * The stable error codes of the public API (contract: extensions.code).
 * Clients branch on these; messages are for people.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INSUFFICIENT_FUNDS: 'INSUFFICIENT_FUNDS',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Base of every error that is safe to show to a client as it is. */
export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra, client-safe details (e.g. which field, a retry delay). */
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = 'Authentication required', details?: Record<string, unknown>) {
    super(message, details);
  }
}

export class ForbiddenError extends AppError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message = 'Not allowed', details?: Record<string, unknown>) {
    super(message, details);
  }
}

/** Bad input; `field` names the offending input field when there is one. */
export class ValidationError extends AppError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(message: string, field?: string) {
    super(message, field ? { field } : {});
  }
}

export class NotFoundError extends AppError {
  readonly code = ErrorCode.NOT_FOUND;
}

export class ConflictError extends AppError {
  readonly code = ErrorCode.CONFLICT;
}

export class InsufficientFundsError extends AppError {
  readonly code = ErrorCode.INSUFFICIENT_FUNDS;
}

export class RateLimitedError extends AppError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(message: string, retryAfterSeconds: number) {
    super(message, { retryAfterSeconds });
  }
}

import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error.js';

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 };

/**
 * Errors thrown while building the context (a bad token) happen before execution;
 * Apollo Server answers them as they are, so give them their code and HTTP status here.
 */
export function contextErrorAsGraphqlError(error: unknown, logger: Logger): GraphQLError {
  if (error instanceof AppError) {
    return new GraphQLError(error.message, {
      extensions: { code: error.code, ...error.details, http: { status: HTTP_STATUS[error.code] ?? 400 } },
    });
  }
  logger.error({ err: error }, 'could not build the request context');
  return new GraphQLError('Service temporarily unavailable', {
    extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } },
  });
}

import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { AppError, ErrorCode } from './app-error.js';

/**
 * Codes whose message was written for clients (ours, and the ones graphql-js and
 * Apollo Server raise for malformed requests). Anything else is masked.
 */
const CLIENT_SAFE_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const INTERNAL = { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };

/**
 * The one formatter every server uses: AppErrors keep their message and code,
 * client-safe GraphQL errors pass, everything else (SQL, bugs, network) is logged
 * and replaced by a generic INTERNAL_SERVER_ERROR. Stack traces never leave.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = { path: formatted.path, locations: formatted.locations };
    if (original instanceof AppError) {
      return { message: original.message, ...where, extensions: { ...original.details, code: original.code } };
    }
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && CLIENT_SAFE_CODES.has(code)) {
      // Keep only what a client needs: the code and our own client-safe details (not, e.g., the
      // gateway's `response` of a subgraph, which names its internal URL).
      const { stacktrace: _s, exception: _e, serviceName: _n, response: _r, ...rest } = formatted.extensions ?? {};
      return { message: formatted.message, ...where, extensions: { ...rest, code } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while executing an operation');
    return { ...INTERNAL, ...where };
  };
}

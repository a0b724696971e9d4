import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { BaseContext } from './request-context.js';

/**
 * One debug log line per operation with its duration and error codes, tagged with the
 * request id. Below debug level it adds no per-request work at all.
 */
export function requestLoggingPlugin<C extends BaseContext>(logger: Logger): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      if (!logger.isLevelEnabled('debug')) return;
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = errors?.map((e) => e.extensions?.['code']).filter(Boolean);
          contextValue.logger.debug({ operationName, ms: Math.round(ms * 10) / 10, errorCodes: codes }, 'operation');
        },
      };
    },
  };
}

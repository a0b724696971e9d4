import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { BaseContext } from './request-context.js';

/**
 * One debug log line per operation with its duration and error codes, tagged with the
 * request id. Below debug level (decided at start: nothing changes the level at run time) it
 * has no hooks at all.
 */
export function requestLoggingPlugin<C extends BaseContext>(logger: Logger): ApolloServerPlugin<C> {
  if (!logger.isLevelEnabled('debug')) return {};
  return {
    async requestDidStart({ contextValue }) {
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

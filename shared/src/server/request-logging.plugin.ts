import type { ApolloServerPlugin } from '@apollo/server';
import type { BaseContext } from './request-context.js';

/** One log line per operation with its duration and error codes, tagged with the request id. */
export function requestLoggingPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
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

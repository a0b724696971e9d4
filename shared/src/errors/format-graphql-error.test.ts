import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { testLogger } from '../testing/test-logger.js';
import { createErrorFormatter } from './format-graphql-error.js';

describe('createErrorFormatter', () => {
  const format = createErrorFormatter(testLogger());

  it("keeps a client-safe code and details, never the gateway's record of a subgraph's response", () => {
    const error = new GraphQLError('Token expired', {
      extensions: {
        code: 'UNAUTHENTICATED',
        retryAfterSeconds: 3,
        serviceName: 'wallet',
        response: { url: 'http://wallet.internal:4003/graphql', status: 401, body: '{"errors":[]}' },
      },
    });
    expect(format(error.toJSON(), error)).toEqual({
      message: 'Token expired',
      extensions: { code: 'UNAUTHENTICATED', retryAfterSeconds: 3 },
    });
  });

  it('replaces anything not client-safe with a generic INTERNAL_SERVER_ERROR', () => {
    const error = new GraphQLError('relation "payments" does not exist', { extensions: { code: 'SOMETHING' } });
    expect(format(error.toJSON(), error)).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});

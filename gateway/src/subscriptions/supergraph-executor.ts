import { createHash } from 'node:crypto';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { Logger } from '@peerseed/shared';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { GatewayContext } from '../gateway-context.js';
import type { SupergraphQuery } from './supergraph-selection.js';

/** A query text parsed, validated and hashed once; every event runs it again with new variables. */
interface Prepared {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  queryHash: string;
  /** The first execution, while it runs: the gateway plans on it; the others wait for the plan. */
  planning: Promise<unknown> | null;
}

export interface SupergraphExecutorOptions {
  /** @apollo/gateway's executor (query plan cache, subgraph calls), once Apollo has started. */
  executor: () => GatewayExecutor;
  /** The API schema the texts are validated against. */
  schema: () => GraphQLSchema;
  /** Apollo Server's formatError: the same client-safe errors as over HTTP. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
}

/** Distinct texts kept prepared; beyond, the oldest is prepared again when next asked. */
const MAX_PREPARED = 1000;

/** The gateway's executor reads a cache policy's restrict() (SubgraphDataSource); nothing is cached here. */
const NO_CACHE_POLICY = { restrict: () => {}, replace: () => {}, policyIfCacheable: () => null };
const NO_CACHE = { get: async () => undefined, set: async () => {}, delete: async () => true };

/**
 * Runs the subscriptions' internal queries through the supergraph in process, without
 * Apollo Server's per-request pipeline: the texts are fixed per subscription (only the
 * event's id changes), so each is parsed, validated and hashed once, and each execution
 * goes straight to @apollo/gateway's executor — the same query plan (planned once, cached
 * by the gateway), the same subgraph calls with the subscriber's token, the same error
 * formatting — but no re-hash, plugins or request logging per event and subscriber.
 * The limits were applied to the subscription document at subscribe time; these texts
 * are selections of it.
 */
export function supergraphExecutor(options: SupergraphExecutorOptions): SupergraphQuery {
  let prepared = new Map<string, Prepared>();
  let preparedFor: GraphQLSchema | null = null;

  const prepare = (text: string): Prepared | readonly GraphQLFormattedError[] => {
    const schema = options.schema();
    if (schema !== preparedFor) [prepared, preparedFor] = [new Map(), schema]; // a new supergraph: plan again
    const known = prepared.get(text);
    if (known) return known;
    const document = parse(text);
    const errors = validate(schema, document, specifiedRules);
    const operation = getOperationAST(document);
    if (errors.length > 0 || !operation) return format(errors.length > 0 ? errors : [new GraphQLError('No operation')]);
    const entry: Prepared = {
      document,
      operation,
      queryHash: createHash('sha256').update(text).digest('hex'),
      planning: null,
    };
    if (prepared.size >= MAX_PREPARED) prepared.delete(prepared.keys().next().value!);
    prepared.set(text, entry);
    return entry;
  };

  const format = (errors: readonly unknown[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      const graphqlError =
        error instanceof GraphQLError
          ? error
          : new GraphQLError(String((error as Error)?.message ?? error), { originalError: error as Error });
      const extensions = {
        ...graphqlError.extensions,
        code: graphqlError.extensions['code'] ?? 'INTERNAL_SERVER_ERROR',
      };
      return options.formatError({ ...graphqlError.toJSON(), extensions }, error);
    });

  const execute = async (
    text: string,
    entry: Prepared,
    variables: Record<string, unknown>,
    context: GatewayContext,
  ) => {
    const requestContext = {
      // No operationName: the document has one operation, and the gateway then keys its plan by queryHash alone.
      request: { query: text, variables },
      logger: options.logger,
      schema: options.schema(),
      schemaHash: '',
      context,
      cache: NO_CACHE,
      queryHash: entry.queryHash,
      document: entry.document,
      source: text,
      operationName: entry.operation.name?.value ?? null,
      operation: entry.operation,
      metrics: {},
      overallCachePolicy: NO_CACHE_POLICY,
    } as unknown as GatewayGraphQLRequestContext;
    try {
      const result = await options.executor()(requestContext);
      return { data: result.data ?? null, ...(result.errors?.length ? { errors: format(result.errors) } : {}) };
    } catch (error) {
      return { errors: format([error]) };
    }
  };

  return async (text, variables, context) => {
    const entry = prepare(text);
    if (!('document' in entry)) return { errors: entry };
    // Concurrent first executions would each miss the gateway's plan cache and plan the
    // same query (200 plans for the first event at 200 viewers): the first plans alone.
    if (entry.planning) await entry.planning;
    else return (entry.planning = execute(text, entry, variables, context));
    return execute(text, entry, variables, context);
  };
}

import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type ASTNode,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { fragmentMemo } from './fragment-memo.js';
import { operationCostCounter } from './operation-cost.js';
import { rootFields } from './root-fields.js';

/** Explicit limits every GraphQL document must respect before the gateway plans it. */
export interface OperationLimits {
  /** Longest chain of nested fields in an operation, fragments followed: `{ a { b } }` has depth 2. */
  maxDepth: number;
  /** Aliased fields in an operation; a fragment's aliases count once per spread. */
  maxAliases: number;
  /** Distinct root fields (response keys) of an operation, fragments on the root expanded. */
  maxRootFields: number;
  /** Lexical tokens of a document, enforced by the parser (comments are not tokens). */
  maxTokens: number;
  /** UTF-8 bytes of a document's source text. */
  maxDocumentBytes: number;
  /** Static cost of an operation: fields, each list's selection multiplied by its size (operation-cost.ts). */
  maxCost: number;
}

/** Which limit an error reports; sent to clients as `extensions.limit.name`. */
export type OperationLimitName = keyof OperationLimits;

/** `extensions.limit` of a limit error: the limit hit, its value and, when known, the document's value. */
export interface LimitExceeded {
  name: OperationLimitName;
  max: number;
  actual?: number;
}

/** Defaults: generous for hand-written and GraphiQL queries (introspection included), tight for abuse. */
export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimits> = Object.freeze({
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 20,
  maxTokens: 2000,
  maxDocumentBytes: 20 * 1024,
  // Above what the product sends: a page of CPRs with issuer and installments, `first` a variable (counted as
  // 100), costs 11,003 in the marketplace bench and 7,106 in the e2e tests; the attack of ADR 0004 costs 70 million.
  maxCost: 20_000,
});

/** Defaults overridden by the given values; rejects anything but positive integers (a typo must not disable a limit). */
export function resolveOperationLimits(overrides: Partial<OperationLimits> = {}): OperationLimits {
  const limits = { ...DEFAULT_OPERATION_LIMITS };
  for (const name of Object.keys(limits) as OperationLimitName[]) {
    const value = overrides[name];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1)
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
    limits[name] = value;
  }
  return limits;
}

/** The error of every limit: code BAD_USER_INPUT, and `extensions.limit` tells the client which limit it hit. */
export function operationLimitError(message: string, limit: LimitExceeded, nodes?: ASTNode): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code: 'BAD_USER_INPUT', limit } });
}

function describe(operation: OperationDefinitionNode): string {
  return operation.name ? `Operation "${operation.name.value}"` : 'The operation';
}

// Introspection is not counted: the standard introspection query (GraphiQL's) nests `ofType` so deep that it
// reaches depth 15, and its abusive form (nested `fields`/`interfaces`/`possibleTypes`) is already rejected by
// graphql-js's MaxIntrospectionDepthRule, part of the specifiedRules Apollo runs.
const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** Rejects operations whose field nesting exceeds `maxDepth` (introspection subtrees excluded). */
export function createMaxDepthRule(maxDepth: number): ValidationRule {
  return (context) => {
    const depthOf = (selectionSet: SelectionSetNode): number => {
      let depth = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (INTROSPECTION_FIELDS.has(selection.name.value)) continue;
          depth = Math.max(depth, 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = Math.max(depth, depthOf(selection.selectionSet));
        } else {
          depth = Math.max(depth, fragmentDepth(selection.name.value));
        }
      }
      return depth;
    };
    const fragmentDepth = fragmentMemo(
      context.getFragment.bind(context),
      (fragment) => depthOf(fragment.selectionSet),
      0,
    );
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > maxDepth) {
          const message = `${describe(operation)} is nested ${depth} levels deep; the limit is ${maxDepth} (maxDepth).`;
          context.reportError(
            operationLimitError(message, { name: 'maxDepth', max: maxDepth, actual: depth }, operation),
          );
        }
        return false;
      },
    };
  };
}

/** Rejects operations with more than `maxAliases` aliased fields, each fragment spread counting its aliases again. */
export function createMaxAliasesRule(maxAliases: number): ValidationRule {
  return (context) => {
    const aliasesIn = (selectionSet: SelectionSetNode): number => {
      let count = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          count += (selection.alias ? 1 : 0) + (selection.selectionSet ? aliasesIn(selection.selectionSet) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          count += aliasesIn(selection.selectionSet);
        } else {
          count += fragmentAliases(selection.name.value);
        }
      }
      return count;
    };
    const fragmentAliases = fragmentMemo(
      context.getFragment.bind(context),
      (fragment) => aliasesIn(fragment.selectionSet),
      0,
    );
    return {
      OperationDefinition(operation) {
        const aliases = aliasesIn(operation.selectionSet);
        if (aliases > maxAliases) {
          const message = `${describe(operation)} uses ${aliases} aliases; the limit is ${maxAliases} (maxAliases).`;
          context.reportError(
            operationLimitError(message, { name: 'maxAliases', max: maxAliases, actual: aliases }, operation),
          );
        }
        return false;
      },
    };
  };
}

/** Rejects operations selecting more than `maxRootFields` distinct root fields (each one can be a subgraph fetch). */
export function createMaxRootFieldsRule(maxRootFields: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const count = rootFields(operation.selectionSet, context.getFragment.bind(context)).size;
      if (count > maxRootFields) {
        const message = `${describe(operation)} selects ${count} root fields; the limit is ${maxRootFields} (maxRootFields).`;
        const limit: LimitExceeded = { name: 'maxRootFields', max: maxRootFields, actual: count };
        context.reportError(operationLimitError(message, limit, operation));
      }
      return false;
    },
  });
}

/**
 * Rejects operations whose static cost exceeds `maxCost`: the other limits bound a document's size, not what it asks
 * for, and lists nested in lists (`Distribution.cpr` ↔ `Cpr.distributions`) multiply it.
 */
export function createMaxCostRule(maxCost: number): ValidationRule {
  return (context) => {
    const costOf = operationCostCounter(context.getSchema(), (name) => context.getFragment(name));
    return {
      OperationDefinition(operation) {
        const cost = costOf(operation);
        if (cost > maxCost) {
          const message = `${describe(operation)} costs ${cost}; the limit is ${maxCost} (maxCost).`;
          context.reportError(operationLimitError(message, { name: 'maxCost', max: maxCost, actual: cost }, operation));
        }
        return false;
      },
    };
  };
}

/** The depth, aliases, root-field and cost rules for the given limits (defaults for the rest). */
export function operationLimitRules(overrides?: Partial<OperationLimits>): ValidationRule[] {
  const limits = resolveOperationLimits(overrides);
  return [
    createMaxDepthRule(limits.maxDepth),
    createMaxAliasesRule(limits.maxAliases),
    createMaxRootFieldsRule(limits.maxRootFields),
    createMaxCostRule(limits.maxCost),
  ];
}

/** Parser options enforcing `maxTokens`: the parser aborts as soon as the document has more tokens. */
export function operationParseOptions(overrides?: Partial<OperationLimits>): ParseOptions {
  return { maxTokens: resolveOperationLimits(overrides).maxTokens };
}

/** The size error for a document over `maxDocumentBytes`, or undefined; usable outside Apollo (e.g. websockets). */
export function checkDocumentSize(source: string, maxDocumentBytes: number): GraphQLError | undefined {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes <= maxDocumentBytes) return undefined;
  const message = `The document is ${bytes} bytes; the limit is ${maxDocumentBytes} bytes (maxDocumentBytes).`;
  return operationLimitError(message, { name: 'maxDocumentBytes', max: maxDocumentBytes, actual: bytes });
}

/**
 * Apollo Server plugin rejecting documents over `maxDocumentBytes`. The size is measured in didResolveSource,
 * before parsing, but the error is thrown from didResolveOperation: Apollo Server 5 turns an error thrown in
 * didResolveSource into a 500 "Internal server error", whereas didResolveOperation errors reach the client as
 * they are (still before query planning and execution). The parse itself stays bounded by `maxTokens`.
 */
export function operationSizeLimitPlugin<TContext extends BaseContext = BaseContext>(
  overrides?: Partial<OperationLimits>,
): ApolloServerPlugin<TContext> {
  const { maxDocumentBytes } = resolveOperationLimits(overrides);
  return {
    async requestDidStart() {
      let sizeError: GraphQLError | undefined;
      return {
        async didResolveSource({ source }) {
          sizeError = checkDocumentSize(source, maxDocumentBytes);
        },
        async didResolveOperation() {
          if (sizeError) {
            throw new GraphQLError(sizeError.message, {
              extensions: { ...sizeError.extensions, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** Whether an `extensions.limit` value is one of ours (other errors may carry a `limit` of their own). */
function isLimitExceeded(value: unknown): value is LimitExceeded {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.hasOwn(DEFAULT_OPERATION_LIMITS, (value as LimitExceeded).name)
  );
}

const TOO_MANY_TOKENS = /Document contains more th(?:an|at) \d+ tokens/; // graphql 16 spells it "more that"

/**
 * Apollo Server plugin giving every limit error the same shape: Apollo re-codes validation errors as
 * GRAPHQL_VALIDATION_FAILED and the parser's token limit as GRAPHQL_PARSE_FAILED without saying which limit;
 * this restores code BAD_USER_INPUT and adds `extensions.limit` before the errors are formatted.
 */
export function limitErrorCodePlugin<TContext extends BaseContext = BaseContext>(
  overrides?: Partial<OperationLimits>,
): ApolloServerPlugin<TContext> {
  const { maxTokens } = resolveOperationLimits(overrides);
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            // An error may come without extensions (e.g. a subgraph fetch failure): nothing to re-code.
            const { code, limit } = error.extensions ?? {};
            if (Object.isFrozen(error.extensions)) continue;
            if (code === 'GRAPHQL_VALIDATION_FAILED' && isLimitExceeded(limit)) {
              error.extensions['code'] = 'BAD_USER_INPUT';
            } else if (code === 'GRAPHQL_PARSE_FAILED' && TOO_MANY_TOKENS.test(error.message)) {
              error.extensions['code'] = 'BAD_USER_INPUT';
              error.extensions['limit'] = { name: 'maxTokens', max: maxTokens } satisfies LimitExceeded;
            }
          }
        },
      };
    },
  };
}

/** Everything Apollo Server needs to enforce the limits, to spread into `new ApolloServer({...})`. */
export interface ApolloLimitOptions<TContext extends BaseContext> {
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  plugins: ApolloServerPlugin<TContext>[];
}

/**
 * Limits as ApolloServer constructor options. When the server has its own `plugins` or `validationRules`,
 * concatenate them rather than letting the spread override one or the other.
 */
export function apolloLimitOptions<TContext extends BaseContext = BaseContext>(
  overrides?: Partial<OperationLimits>,
): ApolloLimitOptions<TContext> {
  const limits = resolveOperationLimits(overrides);
  return {
    validationRules: operationLimitRules(limits),
    parseOptions: operationParseOptions(limits),
    plugins: [operationSizeLimitPlugin<TContext>(limits), limitErrorCodePlugin<TContext>(limits)],
  };
}

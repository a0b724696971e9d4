import {
  Kind,
  OperationTypeNode,
  print,
  visit,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { GatewayContext } from '../gateway-context.js';

/** Runs a query through the supergraph as the subscriber (supergraph-executor.ts). */
export type SupergraphQuery = (
  query: string,
  variables: Record<string, unknown>,
  context: GatewayContext,
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;

/** The variable carrying the event's entity id; unlikely to collide with a client's. */
export const ENTITY_ID_VARIABLE = 'peerseedSubscriptionEntityId';

export interface SelectionQuery {
  /** The root query field the selection runs under (`payment`, `notification`). */
  field: string;
  query: string;
  /** The client's variables the selection uses (e.g. in @include). */
  variables: Record<string, unknown>;
}

/** Thrown to drop an event the subscriber may not see; never reaches the client. */
export class NotAllowed extends Error {}

/**
 * The owning subgraph failed (down, timed out, a bug) — not a denial: the event can be
 * neither vetted nor resolved now. Skipping it would lose it for good (the next event's
 * cursor moves past it), so the subscription ends with SUBSCRIPTION_INTERRUPTED and the
 * client subscribes again with `after:` its last cursor, which replays it.
 */
export class SubscriptionInterrupted extends Error {
  constructor(readonly reason: string) {
    super(`a subgraph could not answer (${reason})`);
  }
}

/** What a subgraph answers, instead of null, to a viewer who may not see an entity. */
const DENIED_CODES = new Set(['FORBIDDEN', 'NOT_FOUND']);

/** The entity `field` of a supergraph answer; NotAllowed for a denial, SubscriptionInterrupted for a failure. */
export function entityOrDenied(result: Awaited<ReturnType<SupergraphQuery>>, field: string): NonNullable<unknown> {
  const entity = result.data?.[field];
  if (entity !== null && entity !== undefined) return entity;
  const error = result.errors?.[0];
  if (!error || DENIED_CODES.has(String(error.extensions?.['code']))) throw new NotAllowed();
  throw new SubscriptionInterrupted(String(error.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR'));
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

/**
 * The client's selection under the field being resolved (`info`), as the query
 * `<field>(id: $id) { …selection }` through the supergraph, so every field it selected —
 * from any subgraph — is planned and resolved like an HTTP query, and the owning
 * subgraph answers only a viewer with rights on the entity. Fragments and variables the
 * selection uses come along.
 */
export function selectionQuery(info: GraphQLResolveInfo, field: string): SelectionQuery {
  const selections: SelectionNode[] = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  const fragments = new Map<string, FragmentDefinitionNode>();
  const variableNames = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      FragmentSpread: (spread) => {
        const fragment = info.fragments[spread.name.value];
        if (fragment && !fragments.has(fragment.name.value)) {
          fragments.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
      Variable: (variable) => {
        variableNames.add(variable.name.value);
      },
    });
  for (const selection of selections) collect(selection);
  const definitions: VariableDefinitionNode[] = (info.operation.variableDefinitions ?? []).filter((d) =>
    variableNames.has(d.variable.name.value),
  );
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: name('SubscriptionSelection'),
        variableDefinitions: [
          {
            kind: Kind.VARIABLE_DEFINITION,
            variable: { kind: Kind.VARIABLE, name: name(ENTITY_ID_VARIABLE) },
            type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } },
          },
          ...definitions,
        ],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [
            {
              kind: Kind.FIELD,
              name: name(field),
              arguments: [
                {
                  kind: Kind.ARGUMENT,
                  name: name('id'),
                  value: { kind: Kind.VARIABLE, name: name(ENTITY_ID_VARIABLE) },
                },
              ],
              selectionSet: { kind: Kind.SELECTION_SET, selections },
            },
          ],
        },
      },
      ...fragments.values(),
    ],
  };
  const variables = Object.fromEntries(
    definitions
      .map((d) => d.variable.name.value)
      .filter((variable) => variable in info.variableValues)
      .map((variable) => [variable, info.variableValues[variable]]),
  );
  return { field, query: print(document), variables };
}

/** Variable sets kept per document; beyond, the oldest is built again when next asked. */
const MAX_VARIABLE_SETS = 64;
const prepared = new WeakMap<FieldNode, Map<string, { nodes: readonly FieldNode[]; selection: SelectionQuery }>>();

/**
 * selectionQuery, built once per document and variables rather than per event: a
 * subscription's document (hence its field nodes) and variables never change, so the same
 * nodes and the same variables give the same query. Rebuilding it — visit, print — for
 * every event and subscriber was ~8% of the gateway's time at 1,000 subscribers. Keyed by
 * the document's own nodes (subscriptions of the same text share one document,
 * document-cache.ts) and the variables; gone with the document.
 */
export function preparedSelectionQuery(info: GraphQLResolveInfo, field: string): SelectionQuery {
  const nodes = info.fieldNodes;
  const key = `${field}|${JSON.stringify(info.variableValues)}`;
  let byVariables = prepared.get(nodes[0]!);
  if (!byVariables) prepared.set(nodes[0]!, (byVariables = new Map()));
  const known = byVariables.get(key);
  if (known && known.nodes.length === nodes.length && known.nodes.every((node, i) => node === nodes[i])) {
    return known.selection;
  }
  const selection = selectionQuery(info, field);
  if (byVariables.size >= MAX_VARIABLE_SETS) byVariables.delete(byVariables.keys().next().value!);
  byVariables.set(key, { nodes: [...nodes], selection });
  return selection;
}

/**
 * Runs `selection` for entity `id` as the subscriber. The entity's data, keyed by the
 * client's response names; NotAllowed when the owning subgraph does not show it to the
 * subscriber (null, FORBIDDEN or NOT_FOUND); SubscriptionInterrupted for any other error.
 */
export async function resolveSelection(
  query: SupergraphQuery,
  selection: SelectionQuery,
  id: string,
  context: GatewayContext,
): Promise<unknown> {
  const result = await query(selection.query, { ...selection.variables, [ENTITY_ID_VARIABLE]: id }, context);
  return entityOrDenied(result, selection.field);
}

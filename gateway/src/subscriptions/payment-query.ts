import {
  Kind,
  OperationTypeNode,
  print,
  visit,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';

/** The variable carrying the event's payment id; unlikely to collide with a client's. */
export const PAYMENT_ID_VARIABLE = 'peerseedSubscriptionPaymentId';

export interface PaymentQuery {
  query: string;
  /** The client's variables the selection uses (e.g. in @include). */
  variables: Record<string, unknown>;
}

/**
 * The client's `payment { … }` selection as a query through the supergraph, so every
 * field it selected — from any subgraph — is planned and resolved like an HTTP query, and
 * the wallet's `payment(id)` answers null to a viewer without rights on it. Fragments
 * and variables the selection uses come along.
 */
export function paymentQuery(info: GraphQLResolveInfo): PaymentQuery {
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
        name: { kind: Kind.NAME, value: 'PaymentUpdate' },
        variableDefinitions: [
          {
            kind: Kind.VARIABLE_DEFINITION,
            variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: PAYMENT_ID_VARIABLE } },
            type: {
              kind: Kind.NON_NULL_TYPE,
              type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } },
            },
          },
          ...definitions,
        ],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [
            {
              kind: Kind.FIELD,
              name: { kind: Kind.NAME, value: 'payment' },
              arguments: [
                {
                  kind: Kind.ARGUMENT,
                  name: { kind: Kind.NAME, value: 'id' },
                  value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: PAYMENT_ID_VARIABLE } },
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
      .filter((name) => name in info.variableValues)
      .map((name) => [name, info.variableValues[name]]),
  );
  return { query: print(document), variables };
}

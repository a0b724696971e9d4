import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fragmentMemo, type GetFragment } from './fragment-memo.js';

/**
 * Items of a list whose size the document does not give: an unpaginated list (`Cpr.installments`,
 * `Cpr.distributions`, …) or a connection asked without `first`/`last`. 20: the subgraphs' default page, and a CPR
 * has 12 installments (so 12 distributions) in the usual case, 60 at most.
 */
const LIST_SIZE = 20;

/**
 * Items of a page whose `first`/`last` is a variable: validation runs once per document, before any value is known.
 * 100: the largest page the subgraphs' connections serve (dead-letter lists, ADMIN-only and flat, take 500).
 */
const VARIABLE_PAGE_SIZE = 100;

const PAGE_ARGUMENTS = ['first', 'last'];

/** Saturates instead of overflowing: a fragment fan-out can reach numbers no float holds exactly. */
const capped = (cost: number): number => Math.min(cost, Number.MAX_SAFE_INTEGER);

/**
 * The static cost of an operation, an estimate of the objects and fields it may resolve: each field costs 1
 * (meta fields such as `__typename` and introspection nothing), and a list field multiplies the cost of its
 * selection by its size: its `first`/`last` (a variable counting as VARIABLE_PAGE_SIZE), else the size given
 * by the connection field it belongs to (`cprs(first: 5) { edges { … } }`), else LIST_SIZE.
 * Fragments and inline fragments count where they are spread; each fragment is measured once per page size.
 * Returns a counter for one document, so that operations of the same document share the fragment memo.
 */
export function operationCostCounter(
  schema: GraphQLSchema,
  getFragment: GetFragment,
): (operation: OperationDefinitionNode) => number {
  const pageSizeOf = (field: FieldNode, definition: GraphQLField<unknown, unknown>): number | undefined => {
    let size: number | undefined;
    for (const argument of definition.args) {
      if (!PAGE_ARGUMENTS.includes(argument.name)) continue;
      const value = field.arguments?.find((node) => node.name.value === argument.name)?.value;
      let given: number | undefined;
      if (value === undefined) given = typeof argument.defaultValue === 'number' ? argument.defaultValue : undefined;
      else if (value.kind === Kind.INT) given = Math.max(0, Number.parseInt(value.value, 10));
      else if (value.kind === Kind.VARIABLE) given = VARIABLE_PAGE_SIZE;
      // first and last together: the larger, as the subgraph may serve either.
      if (given !== undefined) size = Math.max(size ?? 0, given);
    }
    return size;
  };

  const fieldCost = (field: FieldNode, parentType: GraphQLNamedType | undefined, page: number | undefined): number => {
    if (field.name.value.startsWith('__')) return 0;
    const definition =
      isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[field.name.value] : undefined;
    // An unknown field is reported by FieldsOnCorrectTypeRule; it costs 1 here so that counting goes on.
    if (!definition || !field.selectionSet) return 1;
    const size = pageSizeOf(field, definition);
    const type = getNamedType(definition.type);
    if (isListType(getNullableType(definition.type))) {
      return capped(1 + (size ?? page ?? LIST_SIZE) * selectionCost(field.selectionSet, type, undefined));
    }
    // A connection: its page size applies to the lists it holds (`edges`, `nodes`), not to the connection itself.
    return capped(1 + selectionCost(field.selectionSet, type, size));
  };

  // One memo per page size: a fragment holding a connection's edges costs that connection's page.
  // A cycle is reported by NoFragmentCyclesRule; it costs nothing more here so that counting terminates.
  const fragmentCosts = new Map<number | undefined, (name: string) => number>();
  const fragmentCost = (name: string, page: number | undefined): number => {
    let costOf = fragmentCosts.get(page);
    if (!costOf) {
      const measure = (fragment: FragmentDefinitionNode) =>
        selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), page);
      costOf = fragmentMemo(getFragment, measure, 0);
      fragmentCosts.set(page, costOf);
    }
    return costOf(name);
  };

  const selectionCost = (
    selectionSet: SelectionSetNode,
    type: GraphQLNamedType | undefined,
    page: number | undefined,
  ): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, type, page);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        cost += selectionCost(selection.selectionSet, condition ?? undefined, page);
      } else {
        cost += fragmentCost(selection.name.value, page);
      }
    }
    return capped(cost);
  };

  return (operation) =>
    selectionCost(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, undefined);
}

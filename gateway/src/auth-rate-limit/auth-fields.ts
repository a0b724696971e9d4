import {
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The mutations that hash a password (scrypt, 64 MiB): what the sign-in rate limit counts.
 * Not `refreshToken`: its token cannot be guessed, it costs no scrypt, and every session sends
 * one each 15 minutes — counted, the users behind one carrier NAT would lock each other out.
 */
export const AUTH_FIELDS: ReadonlySet<string> = new Set(['login', 'register']);

/**
 * How many sign-in attempts an operation makes: its root fields in AUTH_FIELDS, each response key
 * once (aliases are separate attempts; the same field twice under one key is merged and runs once),
 * fragments on the root expanded. Fields under `@skip`/`@include` count too: the variables are not
 * looked at, so a client cannot talk the count down.
 */
export function countAuthFields(operation: OperationDefinitionNode, document: DocumentNode): number {
  if (operation.operation !== OperationTypeNode.MUTATION) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const attempts = new Set<string>();
  const expanded = new Set<string>(); // each fragment once: its keys are a set anyway, and cycles stop here
  const collect = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (AUTH_FIELDS.has(selection.name.value)) attempts.add((selection.alias ?? selection.name).value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!expanded.has(selection.name.value)) {
        expanded.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return attempts.size;
}

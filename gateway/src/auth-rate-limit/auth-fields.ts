import {
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { rootFields } from '../limits/index.js';

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
  const fragment = (name: string) =>
    document.definitions.find(
      (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name,
    );
  let attempts = 0;
  for (const field of rootFields(operation.selectionSet, fragment).values()) {
    if (AUTH_FIELDS.has(field.name.value)) attempts++;
  }
  return attempts;
}

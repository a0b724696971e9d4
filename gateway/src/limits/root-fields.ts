import { Kind, type FieldNode, type SelectionSetNode } from 'graphql';
import type { GetFragment } from './fragment-memo.js';

/**
 * The fields an operation's root selection set selects, by response key, fragments and inline fragments
 * expanded: what GraphQL executes at the root (fields under `@skip`/`@include` included, as the variables are
 * not looked at). Fields merged under one key (valid only when they are the same field) keep the first.
 * Each fragment is expanded once: its keys are a set anyway, and cycles stop there.
 */
export function rootFields(selectionSet: SelectionSetNode, getFragment: GetFragment): Map<string, FieldNode> {
  const fields = new Map<string, FieldNode>();
  const expanded = new Set<string>();
  const collect = (selections: SelectionSetNode): void => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = (selection.alias ?? selection.name).value;
        if (!fields.has(key)) fields.set(key, selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!expanded.has(selection.name.value)) {
        expanded.add(selection.name.value);
        const fragment = getFragment(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(selectionSet);
  return fields;
}

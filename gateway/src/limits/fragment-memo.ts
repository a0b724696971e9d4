import type { FragmentDefinitionNode } from 'graphql';

/** Looks a fragment up by name: ValidationContext.getFragment, or a document's own fragment definitions. */
export type GetFragment = (name: string) => FragmentDefinitionNode | null | undefined;

/**
 * Per-document memo of a fragment measure. A fragment met again while it is being measured is a cycle
 * (NoFragmentCyclesRule reports it): it counts as `onCycle` so measuring terminates; so does an unknown fragment.
 */
export function fragmentMemo<T>(
  getFragment: GetFragment,
  measure: (fragment: FragmentDefinitionNode) => T,
  onCycle: T,
) {
  const done = new Map<string, T>();
  const inProgress = new Set<string>();
  return (name: string): T => {
    const known = done.get(name);
    if (known !== undefined) return known;
    const fragment = getFragment(name);
    if (!fragment || inProgress.has(name)) return onCycle;
    inProgress.add(name);
    const value = measure(fragment);
    inProgress.delete(name);
    done.set(name, value);
    return value;
  };
}

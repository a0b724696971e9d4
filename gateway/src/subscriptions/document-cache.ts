import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';

/** A document parsed and validated, or why it is refused. */
export type Compiled = DocumentNode | readonly GraphQLError[];

/**
 * Subscription documents parsed and validated once per text (per schema), as Apollo
 * Server does for HTTP: a thousand clients of one app send the same few texts, and each
 * parse kept its own AST with locations and tokens (~6 KiB) for the subscription's life,
 * a quarter of the gateway's heap per idle subscriber. graphql-js never mutates a
 * document, so subscriptions share one. Only valid documents are kept, at most
 * `maxEntries`, the least recently used going first.
 */
export function documentCache(maxEntries = 256) {
  let documents = new Map<string, DocumentNode>();
  let cachedFor: GraphQLSchema | null = null;
  return (schema: GraphQLSchema, text: string, compile: () => Compiled): Compiled => {
    if (schema !== cachedFor) [documents, cachedFor] = [new Map(), schema];
    const known = documents.get(text);
    if (known) {
      documents.delete(text); // most recently used last
      documents.set(text, known);
      return known;
    }
    const compiled = compile();
    if ('kind' in compiled) {
      if (documents.size >= maxEntries) documents.delete(documents.keys().next().value!);
      documents.set(text, compiled);
    }
    return compiled;
  };
}

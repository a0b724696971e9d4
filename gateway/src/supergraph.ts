import { readFile } from 'node:fs/promises';

/** The supergraph composed at build time (`npm run compose`) and committed beside the package. */
export function loadSupergraphSdl(): Promise<string> {
  return readFile(new URL('../supergraph.graphql', import.meta.url), 'utf8');
}

/** The URLs of the subgraphs the supergraph actually composes (readiness checks only those). */
export function composedSubgraphUrls(supergraphSdl: string, urls: Record<string, string>): Record<string, string> {
  const names = [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((m) => m[1]!);
  return Object.fromEntries(names.map((name) => [name, urls[name] ?? '']).filter(([, url]) => url));
}

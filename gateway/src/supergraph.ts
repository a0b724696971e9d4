import { readFile } from 'node:fs/promises';

/** The supergraph composed at build time (`npm run compose`) and committed beside the package. */
export function loadSupergraphSdl(): Promise<string> {
  return readFile(new URL('../supergraph.graphql', import.meta.url), 'utf8');
}

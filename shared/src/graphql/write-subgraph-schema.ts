import { writeFile } from 'node:fs/promises';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';

/** Writes a subgraph's SDL (with federation directives) for build-time composition. */
export async function writeSubgraphSchema(schema: GraphQLSchema, file: URL): Promise<void> {
  await writeFile(file, `${printSubgraphSchema(schema).trim()}\n`);
}

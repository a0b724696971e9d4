// Build-time composition (`npm run compose`): the committed subgraph SDLs become the
// committed supergraph the gateway serves, and the API schema clients and codegen see.
// Exits non-zero with every composition error listed.
import { readFile, writeFile } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';

const root = new URL('../../', import.meta.url);
const { subgraphs } = JSON.parse(await readFile(new URL('gateway/subgraphs.json', root), 'utf8'));
// The gateway's own subscription types (issue 6): composed like a subgraph so they reach the
// API schema, but only Subscription fields live there and the gateway executes them itself,
// so its URL is never called.
const gatewayOwned = [
  {
    name: 'subscriptions',
    url: 'http://subscriptions.gateway.invalid/graphql',
    schema: 'gateway/subscriptions.graphql',
  },
];
const services = await Promise.all(
  [...subgraphs, ...gatewayOwned].map(async ({ name, url, schema }) => ({
    name,
    url,
    typeDefs: parse(await readFile(new URL(schema, root), 'utf8')),
  })),
);
const result = composeServices(services);
if (result.errors) {
  for (const error of result.errors) console.error(`composition error: ${error.message}`);
  process.exit(1);
}
for (const hint of result.hints ?? []) console.warn(`composition hint: ${hint.message}`);
await writeFile(new URL('gateway/supergraph.graphql', root), `${result.supergraphSdl.trim()}\n`);
const apiSchema = result.schema.toAPISchema().toGraphQLJSSchema();
await writeFile(new URL('gateway/api-schema.graphql', root), `${printSchema(apiSchema).trim()}\n`);
console.log(`composed ${services.length} subgraph(s): gateway/supergraph.graphql, gateway/api-schema.graphql`);

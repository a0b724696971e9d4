import 'reflect-metadata';
import { writeSubgraphSchema } from '@peerseed/shared';
import { buildAccountsSchema } from './graphql/schema.js';

// `npm run print-schema`: writes schema.graphql, the input of build-time composition.
await writeSubgraphSchema(await buildAccountsSchema(), new URL('../schema.graphql', import.meta.url));

import 'reflect-metadata';
import { createDeadLetterResolver, writeSubgraphSchema, type EventConsumers, type Orm } from '@peerseed/shared';
import { buildMarketplaceSchema } from './graphql/schema.js';

// `npm run print-schema`: writes schema.graphql, the input of build-time composition.
const operations = createDeadLetterResolver('marketplace', {
  orm: null as unknown as Orm,
  consumers: null as unknown as EventConsumers,
});
await writeSubgraphSchema(await buildMarketplaceSchema([operations]), new URL('../schema.graphql', import.meta.url));

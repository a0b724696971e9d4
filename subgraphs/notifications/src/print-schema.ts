import 'reflect-metadata';
import { createDeadLetterResolver, writeSubgraphSchema, type EventConsumers, type Orm } from '@peerseed/shared';
import { buildNotificationsSchema } from './graphql/schema.js';

// `npm run print-schema`: writes schema.graphql, the input of build-time composition.
// The operations resolvers are only built here, never called, so they need no database.
const operations = createDeadLetterResolver('notifications', {
  orm: null as unknown as Orm,
  consumers: null as unknown as EventConsumers,
});
await writeSubgraphSchema(await buildNotificationsSchema([operations]), new URL('../schema.graphql', import.meta.url));

export * from './scalars.js';
export * from './common-types.js';
export * from './federated-schema.js';
export * from './write-subgraph-schema.js';
export * from './dead-letters.resolver.js';
export * from './entity-references.js';

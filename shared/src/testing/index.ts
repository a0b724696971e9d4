export * from './test-database.js';
export * from './test-logger.js';
export * from './documents.js';
export * from './spawn-service.js';
export * from './seeded-random.js';
export * from './nats.js';
export * from './test-issuer.js';
export * from './ack-losing-transport.js';

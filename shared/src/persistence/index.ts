export * from './database.js';
export * from './entity-loader.js';
export * from './detached-fork.js';
export * from './deferred-statements.js';

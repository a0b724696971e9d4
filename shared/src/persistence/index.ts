export * from './database.js';
export * from './entity-loader.js';

export * from './request-context.js';
export * from './http-app.js';
export * from './listen.js';
export * from './subgraph-server.js';
export * from './context-error.js';
export * from './request-logging.plugin.js';
export * from './run-until-signal.js';
export * from './viewer-batch.js';

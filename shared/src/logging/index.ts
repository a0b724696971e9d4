export * from './logger.js';
export * from './request-id.js';

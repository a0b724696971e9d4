export * from './logger.js';
export * from './request-id.js';
export * from './correlation.js';
export * from './throttled-warning.js';

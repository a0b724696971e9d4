export * from './role.js';
export * from './identity.js';
export * from './access-token.js';
export * from './guards.js';
export * from './verified-token-cache.js';

/**
 * The framework-free part of the kit: what a subgraph's domain/ layer may import.
 * (Lint enforces that domain/ imports only this entry point of @peerseed/shared.)
 */
export * from '../errors/app-error.js';
export * from '../money/index.js';
export * from '../documents/index.js';
export * from '../auth/role.js';
export * from '../auth/identity.js';
export * from '../auth/guards.js';
export * from './investment-cancellation.js';

export * from './app-error.js';
export * from './format-graphql-error.js';

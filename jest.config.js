/**
 * One jest run for the whole workspace: unit tests beside the code (src/**\/*.test.ts),
 * integration and end-to-end tests under each package's test/ folder.
 * Workspace packages resolve to their TypeScript sources, compiled by swc.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@peerseed/shared$': '<rootDir>/shared/src/index.ts',
    '^@peerseed/shared/(.*)$': '<rootDir>/shared/src/$1/index.ts',
    '^@peerseed/contacts/worker$': '<rootDir>/subgraphs/contacts/src/worker-app.ts',
    '^@peerseed/(accounts|marketplace|wallet|contacts|distribution|notifications)/(.*)$':
      '<rootDir>/subgraphs/$1/src/$2.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/**/src/**/*.test.ts', '<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFiles: ['<rootDir>/shared/src/testing/jest-setup.ts'],
  globalSetup: '<rootDir>/shared/src/testing/drop-stale-test-data.ts',
  maxWorkers: 2,
  // At the end of a run each worker holds nothing but its IPC pipes (checked with a dump of its
  // active handles when jest tells it to end), yet on this 2-vCPU machine its exit sometimes took
  // longer than jest's default 500 ms grace, which then printed a "failed to exit gracefully" warning.
  workerGracefulExitTimeout: 3000,
  testTimeout: 30000,
};

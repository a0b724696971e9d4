// Lint: typescript-eslint's recommended rules plus the architecture's dependency rules:
// a subgraph's domain/ imports no framework and no adapter, and no subgraph imports another.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = [
  'type-graphql',
  'graphql',
  '@apollo/*',
  '@mikro-orm/*',
  '@nats-io/*',
  'express',
  'jose',
  'pino',
  'ioredis',
  'dataloader',
  'zod',
];

const NO_OTHER_SUBGRAPH = [
  {
    group: ['@peerseed/*', '!@peerseed/shared', '!@peerseed/shared/*'],
    message: 'A subgraph imports no other subgraph.',
  },
  { group: ['**/subgraphs/**', '../../../*/src/**'], message: 'A subgraph imports no other subgraph.' },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.turbo/**', '**/.data/**', 'gateway/test/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // No subgraph reaches into another: cross-domain reads go through federation, writes through events.
    files: ['subgraphs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: NO_OTHER_SUBGRAPH }],
    },
  },
  {
    // The domain is plain TypeScript: no framework, no adapter layer, only the kit's framework-free entry point.
    files: [
      'subgraphs/*/src/domain/**/*.ts',
      'shared/src/domain/**/*.ts',
      'shared/src/money/**/*.ts',
      'shared/src/documents/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@peerseed/shared', message: 'domain/ imports only @peerseed/shared/domain.' },
            { name: '@peerseed/shared/testing', message: 'domain/ imports only @peerseed/shared/domain.' },
          ],
          patterns: [
            ...NO_OTHER_SUBGRAPH,
            { group: FRAMEWORKS, message: 'domain/ imports no framework.' },
            {
              group: [
                '**/application/**',
                '**/graphql/**',
                '**/persistence/**',
                '**/events/**',
                '**/http/**',
                '**/crypto/**',
              ],
              message: 'domain/ imports no adapter or application code.',
            },
          ],
        },
      ],
    },
  },
);

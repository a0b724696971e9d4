import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations for clients, generated from the composed API schema
 * (`npm run codegen`). The end-to-end tests drive the gateway with them;
 * CI regenerates and fails on drift.
 */
const config: CodegenConfig = {
  schema: 'gateway/api-schema.graphql',
  documents: ['gateway/test/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'gateway/test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Decimal: 'string' },
      },
    },
  },
};

export default config;

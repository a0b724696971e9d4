/** Operation limits: what a GraphQL document may cost before the gateway plans it. */
export {
  DEFAULT_OPERATION_LIMITS,
  apolloLimitOptions,
  checkDocumentSize,
  createMaxAliasesRule,
  createMaxCostRule,
  createMaxDepthRule,
  createMaxRootFieldsRule,
  limitErrorCodePlugin,
  operationLimitError,
  operationLimitRules,
  operationParseOptions,
  operationSizeLimitPlugin,
  resolveOperationLimits,
} from './operation-limits.js';
export type { ApolloLimitOptions, LimitExceeded, OperationLimitName, OperationLimits } from './operation-limits.js';
export { operationCostCounter } from './operation-cost.js';
export { rootFields } from './root-fields.js';

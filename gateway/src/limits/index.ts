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
export { DEFAULT_COST_ASSUMPTIONS, operationCostCounter } from './operation-cost.js';
export type { CostAssumptions } from './operation-cost.js';

/** Money (integer centavos) and strict decimal-string parsing and formatting. */
export { Money, type Currency } from './money.js';
export {
  DecimalFormatError,
  DEFAULT_MAX_SCALED,
  formatCentavos,
  formatScaled,
  MAX_CENTAVOS,
  parseDecimal,
  parseDecimalToCentavos,
  type DecimalFormatReason,
  type ParseDecimalOptions,
} from './decimal.js';
export * from './money-input.js';

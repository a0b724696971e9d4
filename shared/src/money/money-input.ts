import { ValidationError } from '../errors/app-error.js';
import { DecimalFormatError, parseDecimal, parseDecimalToCentavos } from './decimal.js';

/**
 * A money amount from the API (a Decimal string with at most two places, positive)
 * as integer centavos, or BAD_USER_INPUT naming the field.
 */
export function parseMoneyInput(text: string, field: string, options: { allowZero?: boolean } = {}): bigint {
  let centavos: bigint;
  try {
    centavos = parseDecimalToCentavos(text);
  } catch (error) {
    if (error instanceof DecimalFormatError) {
      throw new ValidationError(
        `${field} must be an amount in reais with at most two decimal places, e.g. "1234.50"`,
        field,
      );
    }
    throw error;
  }
  if (centavos === 0n && !options.allowZero) throw new ValidationError(`${field} must be greater than zero`, field);
  return centavos;
}

/** A non-money decimal from the API (quantities, rates) scaled to an integer, or BAD_USER_INPUT. */
export function parseDecimalInput(text: string, field: string, scale: number, max?: bigint): bigint {
  try {
    return parseDecimal(text, { scale, ...(max === undefined ? {} : { max }) });
  } catch (error) {
    if (error instanceof DecimalFormatError) {
      throw new ValidationError(`${field} must be a decimal with at most ${scale} decimal places`, field);
    }
    throw error;
  }
}

/**
 * Strict parsing and formatting of decimal strings as scaled integers (bigint).
 * Amounts cross the API as `Decimal` strings; inside they are exact integers, so no
 * floating point ever touches a value.
 */

/** Why a decimal string was rejected; stable, so callers can map it to user messages. */
export type DecimalFormatReason =
  'NOT_A_STRING' | 'EMPTY' | 'INVALID_FORMAT' | 'TOO_MANY_DECIMAL_PLACES' | 'NEGATIVE_NOT_ALLOWED' | 'OUT_OF_RANGE';

/** A user-supplied decimal string is malformed or out of range (maps to BAD_USER_INPUT). */
export class DecimalFormatError extends Error {
  override readonly name = 'DecimalFormatError';

  constructor(
    readonly reason: DecimalFormatReason,
    message: string,
  ) {
    super(message);
  }
}

/** Largest accepted money amount: 10^13 centavos (R$ 100 billion), far above any CPR. */
export const MAX_CENTAVOS = 10n ** 13n;

/** Default upper bound for {@link parseDecimal} when `max` is not given. */
export const DEFAULT_MAX_SCALED = 10n ** 18n;

/** Options of {@link parseDecimal}; `min` and `max` are scaled values, inclusive. */
export interface ParseDecimalOptions {
  /** Number of decimal places the result is scaled by (0..18); fewer places are accepted. */
  scale: number;
  /** Inclusive lower bound, scaled; default 0n (negatives rejected). */
  min?: bigint;
  /** Inclusive upper bound, scaled; default {@link DEFAULT_MAX_SCALED}. */
  max?: bigint;
}

// No '+', exponent, spaces, commas, leading zeros ("0012") or bare dots (".5", "5.").
const DECIMAL = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;
// Guards BigInt() against absurdly long input before the range check.
const MAX_LENGTH = 64;

function assertScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > 18) {
    throw new RangeError(`scale must be an integer in 0..18, got ${scale}`);
  }
}

/**
 * Parses a strict decimal string (`"1234"`, `"1234.5"`, `"0.50"`, `"-3.25"` when `min` < 0)
 * into an integer scaled by 10^scale. Throws {@link DecimalFormatError}.
 */
export function parseDecimal(text: unknown, options: ParseDecimalOptions): bigint {
  const { scale, min = 0n, max = DEFAULT_MAX_SCALED } = options;
  assertScale(scale);
  if (typeof text !== 'string') {
    throw new DecimalFormatError('NOT_A_STRING', 'A decimal must be given as a string');
  }
  if (text.length === 0) throw new DecimalFormatError('EMPTY', 'The decimal is empty');
  const match = text.length <= MAX_LENGTH ? DECIMAL.exec(text) : null;
  if (!match) {
    throw new DecimalFormatError('INVALID_FORMAT', `"${text.slice(0, MAX_LENGTH)}" is not a decimal like 1234.50`);
  }
  const [, sign = '', integer = '', fraction = ''] = match;
  if (fraction.length > scale) {
    throw new DecimalFormatError(
      'TOO_MANY_DECIMAL_PLACES',
      `"${text}" has more than ${scale} decimal place${scale === 1 ? '' : 's'}`,
    );
  }
  const magnitude = BigInt(integer + fraction.padEnd(scale, '0'));
  const value = sign === '-' ? -magnitude : magnitude;
  // "-0" is rejected too: a minus sign where negatives are not allowed is a user mistake.
  if (sign === '-' && min >= 0n) {
    throw new DecimalFormatError('NEGATIVE_NOT_ALLOWED', `"${text}" must not be negative`);
  }
  if (value < min || value > max) {
    throw new DecimalFormatError(
      'OUT_OF_RANGE',
      `"${text}" must be between ${formatScaled(min, scale)} and ${formatScaled(max, scale)}`,
    );
  }
  return value;
}

/**
 * Parses a money amount (up to two decimal places) into centavos, bounded by
 * ±{@link MAX_CENTAVOS}. Negatives are rejected unless `allowNegative` is set.
 */
export function parseDecimalToCentavos(text: unknown, options: { allowNegative?: boolean } = {}): bigint {
  const min = options.allowNegative === true ? -MAX_CENTAVOS : 0n;
  return parseDecimal(text, { scale: 2, min, max: MAX_CENTAVOS });
}

/** Formats a scaled integer with exactly `scale` decimal places: (-5n, 2) -> "-0.05". */
export function formatScaled(value: bigint, scale: number): string {
  assertScale(scale);
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, '0');
  if (scale === 0) return sign + digits;
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Formats centavos as a decimal string with two places: 123450n -> "1234.50". */
export function formatCentavos(centavos: bigint): string {
  return formatScaled(centavos, 2);
}

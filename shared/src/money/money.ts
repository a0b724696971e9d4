import { formatCentavos, parseDecimalToCentavos } from './decimal.js';

/** The only currency Peerseed handles. */
export type Currency = 'BRL';

const BPS_PER_UNIT = 10_000n;

function toBigInt(value: bigint | number, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer, got ${value}`);
  }
  return BigInt(value);
}

/** Groups the integer part by thousands with dots, as pt-BR does: "1234567" -> "1.234.567". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * An amount of Brazilian reais, held as integer centavos in a bigint so arithmetic is
 * exact. Immutable: every operation returns a new Money.
 */
export class Money {
  /** Always 'BRL'. */
  readonly currency: Currency = 'BRL';

  private constructor(
    /** The amount in centavos (1/100 of a real). */
    readonly centavos: bigint,
  ) {}

  /** Zero reais. */
  static zero(): Money {
    return new Money(0n);
  }

  /** From integer centavos; a number must be a safe integer (throws RangeError otherwise). */
  static ofCentavos(centavos: bigint | number): Money {
    return new Money(toBigInt(centavos, 'centavos'));
  }

  /**
   * From a user-supplied decimal string such as "1234.50".
   * Throws DecimalFormatError (see parseDecimalToCentavos for the accepted format).
   */
  static parse(text: unknown, options: { allowNegative?: boolean } = {}): Money {
    return new Money(parseDecimalToCentavos(text, options));
  }

  /** The sum of a list of amounts (zero for an empty list). */
  static sum(amounts: Iterable<Money>): Money {
    let total = 0n;
    for (const amount of amounts) total += amount.centavos;
    return new Money(total);
  }

  /** this + other. */
  add(other: Money): Money {
    return new Money(this.centavos + other.centavos);
  }

  /** this - other; may become negative (check with isNegative where that matters). */
  subtract(other: Money): Money {
    return new Money(this.centavos - other.centavos);
  }

  /** -this. */
  negate(): Money {
    return new Money(-this.centavos);
  }

  /**
   * this × bps / 10,000 (basis points: 300 = 3%), rounded to the centavo half-up, i.e.
   * half away from zero, so a negative amount rounds like its positive counterpart:
   * R$ 0.50 × 100 bps = 0.5 centavo -> 1 centavo; -R$ 0.50 -> -1 centavo.
   */
  multiplyBps(bps: bigint | number): Money {
    const product = this.centavos * toBigInt(bps, 'bps');
    const quotient = product / BPS_PER_UNIT; // truncates toward zero
    const remainder = product % BPS_PER_UNIT; // same sign as product
    const absRemainder = remainder < 0n ? -remainder : remainder;
    if (absRemainder * 2n < BPS_PER_UNIT) return new Money(quotient);
    return new Money(quotient + (product < 0n ? -1n : 1n));
  }

  /** True when the amount is exactly zero. */
  isZero(): boolean {
    return this.centavos === 0n;
  }

  /** True when the amount is below zero. */
  isNegative(): boolean {
    return this.centavos < 0n;
  }

  /** True when the amount is above zero. */
  isPositive(): boolean {
    return this.centavos > 0n;
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than other (usable in sort). */
  compare(other: Money): -1 | 0 | 1 {
    if (this.centavos === other.centavos) return 0;
    return this.centavos < other.centavos ? -1 : 1;
  }

  /** Value equality. */
  equals(other: Money): boolean {
    return this.centavos === other.centavos;
  }

  /** The API representation: a decimal string with two places, e.g. "1234.50". */
  toDecimal(): string {
    return formatCentavos(this.centavos);
  }

  /** Serialises as the decimal string (JSON has no bigint). */
  toJSON(): string {
    return this.toDecimal();
  }

  /** Same as toDecimal, for logs and template strings. */
  toString(): string {
    return this.toDecimal();
  }

  /**
   * pt-BR display, e.g. "R$ 1.234,50" or "-R$ 0,05". Formatted by hand rather than with
   * Intl so bigint amounts stay exact and the output uses a plain space.
   */
  formatBRL(): string {
    const [integer = '0', fraction = '00'] = formatCentavos(this.centavos).replace('-', '').split('.');
    return `${this.isNegative() ? '-' : ''}R$ ${groupThousands(integer)},${fraction}`;
  }
}

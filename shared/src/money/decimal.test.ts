import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../testing/seeded-random.js';
import {
  DecimalFormatError,
  MAX_CENTAVOS,
  formatCentavos,
  formatScaled,
  parseDecimal,
  parseDecimalToCentavos,
  type DecimalFormatReason,
} from './decimal.js';

function reasonOf(run: () => unknown): DecimalFormatReason | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DecimalFormatError) return error.reason;
    throw error;
  }
  return undefined;
}

const prng = seededRandom;

describe('parseDecimalToCentavos', () => {
  it.each([
    ['0', 0n],
    ['5', 500n],
    ['1234', 123400n],
    ['1234.5', 123450n],
    ['1234.50', 123450n],
    ['0.50', 50n],
    ['0.05', 5n],
    ['100000000000', MAX_CENTAVOS],
  ])('parses %p', (text, expected) => {
    expect(parseDecimalToCentavos(text)).toBe(expected);
  });

  const rejected: Record<DecimalFormatReason, string[]> = {
    NOT_A_STRING: [],
    EMPTY: [''],
    TOO_MANY_DECIMAL_PLACES: ['1.234', '0.001'],
    INVALID_FORMAT: [
      '1e3',
      '1E3',
      ' 12',
      '12 ',
      '1 000',
      '12,50',
      '1,234.50',
      '+12',
      '.5',
      '5.',
      '.',
      '-',
      '0012',
      '00.50',
      '0x10',
      'NaN',
      'Infinity',
      '١٢',
      '9'.repeat(100),
    ],
    NEGATIVE_NOT_ALLOWED: ['-1', '-0'],
    OUT_OF_RANGE: ['100000000000.01'],
  };
  const rejectedCases = Object.entries(rejected).flatMap(([reason, texts]) => texts.map((text) => [text, reason]));
  it.each(rejectedCases)('rejects %p with %s', (text, reason) => {
    expect(reasonOf(() => parseDecimalToCentavos(text))).toBe(reason);
  });

  it.each([12, 12n, null, undefined, {}, ['1']])('rejects the non-string %p', (value) => {
    expect(reasonOf(() => parseDecimalToCentavos(value))).toBe('NOT_A_STRING');
  });

  it('accepts negatives within the range only when asked', () => {
    expect(parseDecimalToCentavos('-0.05', { allowNegative: true })).toBe(-5n);
    expect(parseDecimalToCentavos('-100000000000', { allowNegative: true })).toBe(-MAX_CENTAVOS);
    expect(reasonOf(() => parseDecimalToCentavos('-100000000000.01', { allowNegative: true }))).toBe('OUT_OF_RANGE');
  });

  it('throws a plain Error subclass with a reason and a message', () => {
    expect(() => parseDecimalToCentavos('1.234')).toThrow(
      expect.objectContaining({
        name: 'DecimalFormatError',
        reason: 'TOO_MANY_DECIMAL_PLACES',
        message: expect.stringContaining('2 decimal places'),
      }) as unknown as Error,
    );
    expect(new DecimalFormatError('EMPTY', 'x')).toBeInstanceOf(Error);
  });
});

describe('parseDecimal', () => {
  it('scales quantities and rates', () => {
    expect(parseDecimal('12.3456', { scale: 4 })).toBe(123456n);
    expect(parseDecimal('12.3', { scale: 4 })).toBe(123000n);
    expect(parseDecimal('12', { scale: 0 })).toBe(12n);
    expect(parseDecimal('14.25', { scale: 2, max: 10000n })).toBe(1425n);
  });

  it('enforces the scale and the inclusive bounds', () => {
    expect(reasonOf(() => parseDecimal('1.5', { scale: 0 }))).toBe('TOO_MANY_DECIMAL_PLACES');
    expect(reasonOf(() => parseDecimal('1.23456', { scale: 4 }))).toBe('TOO_MANY_DECIMAL_PLACES');
    expect(parseDecimal('100.00', { scale: 2, max: 10000n })).toBe(10000n);
    expect(reasonOf(() => parseDecimal('100.01', { scale: 2, max: 10000n }))).toBe('OUT_OF_RANGE');
    expect(reasonOf(() => parseDecimal('0.5', { scale: 1, min: 10n }))).toBe('OUT_OF_RANGE');
    expect(parseDecimal('-2.5', { scale: 1, min: -100n })).toBe(-25n);
    expect(reasonOf(() => parseDecimal('1000000000000000001', { scale: 0 }))).toBe('OUT_OF_RANGE');
  });

  it('rejects an invalid scale as a programming error', () => {
    expect(() => parseDecimal('1', { scale: -1 })).toThrow(RangeError);
    expect(() => parseDecimal('1', { scale: 1.5 })).toThrow(RangeError);
    expect(() => formatScaled(1n, 19)).toThrow(RangeError);
  });
});

describe('formatCentavos and formatScaled', () => {
  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [-5n, '-0.05'],
    [50n, '0.50'],
    [123450n, '1234.50'],
    [-123456n, '-1234.56'],
    [MAX_CENTAVOS, '100000000000.00'],
  ])('formats %p as %p', (value, text) => {
    expect(formatCentavos(value)).toBe(text);
  });

  it('formats other scales', () => {
    expect(formatScaled(123456n, 4)).toBe('12.3456');
    expect(formatScaled(7n, 4)).toBe('0.0007');
    expect(formatScaled(-7n, 4)).toBe('-0.0007');
    expect(formatScaled(42n, 0)).toBe('42');
    expect(formatScaled(-42n, 0)).toBe('-42');
  });
});

describe('round trip (seeded property loop)', () => {
  it('formatCentavos(parseDecimalToCentavos(x)) === x for canonical x', () => {
    const random = prng(20260701);
    for (let i = 0; i < 500; i += 1) {
      // Spread magnitudes over many orders so short and long amounts both appear.
      const digits = Math.floor(random() * 14);
      const centavos = BigInt(Math.floor(random() * 10 ** digits)) % (MAX_CENTAVOS + 1n);
      const negative = random() < 0.3 && centavos !== 0n;
      const text = formatCentavos(negative ? -centavos : centavos);
      expect(formatCentavos(parseDecimalToCentavos(text, { allowNegative: true }))).toBe(text);
      expect(parseDecimalToCentavos(text, { allowNegative: true })).toBe(negative ? -centavos : centavos);
    }
  });
});

import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../testing/seeded-random.js';
import { DecimalFormatError, MAX_CENTAVOS } from './decimal.js';
import { Money } from './index.js';

const brl = (text: string) => Money.parse(text, { allowNegative: true });

const prng = seededRandom;

describe('Money construction', () => {
  it('builds from centavos as bigint or safe integer', () => {
    expect(Money.ofCentavos(123450n).centavos).toBe(123450n);
    expect(Money.ofCentavos(-5).centavos).toBe(-5n);
    expect(Money.ofCentavos(0).currency).toBe('BRL');
    expect(Money.zero().isZero()).toBe(true);
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects the number %p', (value) => {
    expect(() => Money.ofCentavos(value)).toThrow(RangeError);
  });

  it('parses decimal strings strictly', () => {
    expect(Money.parse('1234.5').centavos).toBe(123450n);
    expect(() => Money.parse('1234.567')).toThrow(DecimalFormatError);
    expect(() => Money.parse('-1')).toThrow(DecimalFormatError);
    expect(Money.parse('-1', { allowNegative: true }).centavos).toBe(-100n);
  });

  it('sums a list', () => {
    expect(Money.sum([brl('0.10'), brl('0.20'), brl('-0.05')]).toDecimal()).toBe('0.25');
    expect(Money.sum([]).isZero()).toBe(true);
  });
});

describe('Money arithmetic and comparison', () => {
  it('adds and subtracts exactly where floats would not', () => {
    expect(brl('0.10').add(brl('0.20')).toDecimal()).toBe('0.30');
    expect(brl('1.00').subtract(brl('1.05')).toDecimal()).toBe('-0.05');
    expect(brl('100000000000').add(brl('100000000000')).toDecimal()).toBe('200000000000.00');
    expect(brl('3.00').negate().toDecimal()).toBe('-3.00');
  });

  it('compares and tests sign', () => {
    expect(brl('1').compare(brl('2'))).toBe(-1);
    expect(brl('2').compare(brl('1'))).toBe(1);
    expect(brl('2').compare(brl('2.00'))).toBe(0);
    expect(brl('2').equals(brl('2.00'))).toBe(true);
    expect(brl('-0.01').isNegative()).toBe(true);
    expect(brl('0.01').isPositive()).toBe(true);
    expect(brl('0').isNegative() || brl('0').isPositive()).toBe(false);
    const sorted = [brl('3'), brl('-1'), brl('2')].sort((a, b) => a.compare(b));
    expect(sorted.map(String)).toEqual(['-1.00', '2.00', '3.00']);
  });
});

describe('Money.multiplyBps', () => {
  it.each([
    ['1000.00', 300, '30.00'], // 3% origination fee
    ['0.50', 100, '0.01'], // 0.5 centavo rounds up
    ['0.49', 100, '0.00'], // 0.49 centavo rounds down
    ['0.50', 99, '0.00'], // 0.495 centavo rounds down
    ['0.17', 300, '0.01'], // 0.51 centavo
    ['-0.50', 100, '-0.01'], // half away from zero
    ['-0.49', 100, '0.00'],
    ['1234.56', 10000, '1234.56'],
    ['1234.56', 0, '0.00'],
  ] as const)('%s × %d bps = %s', (amount, bps, expected) => {
    expect(brl(amount).multiplyBps(bps).toDecimal()).toBe(expected);
    expect(brl(amount).multiplyBps(BigInt(bps)).toDecimal()).toBe(expected);
  });

  it('rejects fractional basis points', () => {
    expect(() => brl('1').multiplyBps(2.5)).toThrow(RangeError);
  });
});

describe('Money output', () => {
  it('serialises to the decimal string', () => {
    expect(brl('1234.5').toDecimal()).toBe('1234.50');
    expect(JSON.stringify({ amount: brl('1234.5') })).toBe('{"amount":"1234.50"}');
    expect(`${brl('7')}`).toBe('7.00');
  });

  it.each([
    ['0', 'R$ 0,00'],
    ['0.05', 'R$ 0,05'],
    ['-0.05', '-R$ 0,05'],
    ['999.99', 'R$ 999,99'],
    ['1234.5', 'R$ 1.234,50'],
    ['-1234567.89', '-R$ 1.234.567,89'],
    ['100000000000', 'R$ 100.000.000.000,00'],
  ])('formats %p as %p', (amount, text) => {
    expect(brl(amount).formatBRL()).toBe(text);
  });

  it('agrees with Intl pt-BR (modulo the non-breaking space) for safe amounts', () => {
    const intl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });
    for (const amount of ['0.05', '1234.50', '-98765.43']) {
      expect(brl(amount).formatBRL()).toBe(intl.format(Number(amount)).replace(/\s/g, ' '));
    }
  });
});

describe('add/subtract exactness (seeded property loop)', () => {
  it('matches bigint arithmetic and inverts', () => {
    const random = prng(42);
    const centavos = () => BigInt(Math.floor((random() - 0.5) * 2 * 10 ** Math.floor(random() * 16)));
    for (let i = 0; i < 400; i += 1) {
      const a = centavos();
      const b = centavos();
      const sum = Money.ofCentavos(a).add(Money.ofCentavos(b));
      expect(sum.centavos).toBe(a + b);
      expect(sum.subtract(Money.ofCentavos(b)).equals(Money.ofCentavos(a))).toBe(true);
      expect(Money.ofCentavos(a).subtract(Money.ofCentavos(b)).centavos).toBe(a - b);
      const inRange = sum.centavos <= MAX_CENTAVOS && sum.centavos >= -MAX_CENTAVOS;
      if (inRange) expect(brl(sum.toDecimal()).equals(sum)).toBe(true);
    }
  });
});

import { describe, expect, it } from '@jest/globals';
import { isValidCpf, normalizeCpf } from './cpf.js';
import { InvalidDocumentError, normalizeDocument, personTypeOf } from './index.js';

describe('isValidCpf', () => {
  it.each(['529.982.247-25', '52998224725', '111.444.777-35', '000.000.001-91', '123.456.789-09'])(
    'accepts %p',
    (cpf) => {
      expect(isValidCpf(cpf)).toBe(true);
    },
  );

  it.each([
    ['529.982.247-24', 'wrong second check digit'],
    ['529.982.247-15', 'wrong first check digit'],
    ['52998224752', 'swapped check digits'],
    ['5299822472', 'ten digits'],
    ['529982247250', 'twelve digits'],
    ['', 'empty'],
    ['111.111.111-11', 'repeated digits'],
    ['00000000000', 'repeated zeros'],
    ['999.999.999-99', 'repeated nines'],
    ['529.982.24A-25', 'a letter'],
    ['529 982 247 25', 'spaces are not the usual punctuation'],
    ['529/982/247-25', 'slashes are not CPF punctuation'],
    ['５２９９８２２４７２５', 'full-width digits'],
  ])('rejects %p (%s)', (cpf) => {
    expect(isValidCpf(cpf)).toBe(false);
  });

  it('returns the bare digits from normalizeCpf', () => {
    expect(normalizeCpf('529.982.247-25')).toBe('52998224725');
    expect(normalizeCpf('529.982.247-24')).toBeNull();
  });

  it('rejects non-strings without throwing', () => {
    expect(isValidCpf(52998224725 as unknown as string)).toBe(false);
    expect(isValidCpf(undefined as unknown as string)).toBe(false);
  });

  it('has exactly one valid pair of check digits per base', () => {
    const valid = Array.from({ length: 100 }, (_, i) => `529982247${String(i).padStart(2, '0')}`).filter(isValidCpf);
    expect(valid).toEqual(['52998224725']);
  });
});

describe('normalizeDocument with a CPF', () => {
  it('returns the kind and the bare digits', () => {
    expect(normalizeDocument('529.982.247-25')).toEqual({ kind: 'CPF', value: '52998224725' });
    expect(personTypeOf('CPF')).toBe('INDIVIDUAL');
  });

  it('throws InvalidDocumentError without echoing the input', () => {
    expect(() => normalizeDocument('529.982.247-24')).toThrow(InvalidDocumentError);
    try {
      normalizeDocument('529.982.247-24');
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('InvalidDocumentError');
      expect((error as Error).message).not.toContain('529');
    }
  });
});

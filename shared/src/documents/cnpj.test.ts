import { describe, expect, it } from '@jest/globals';
import { isValidCnpj, normalizeCnpj } from './cnpj.js';
import { InvalidDocumentError, normalizeDocument, personTypeOf } from './index.js';

describe('isValidCnpj', () => {
  it.each([
    '11.222.333/0001-81',
    '11222333000181',
    '11.444.777/0001-61',
    '00.000.000/0001-91', // Banco do Brasil
    '12.ABC.345/01DE-35', // Receita Federal's alphanumeric example
    '12ABC34501DE35',
    '12.abc.345/01de-35', // lower case is upper-cased first
  ])('accepts %p', (cnpj) => {
    expect(isValidCnpj(cnpj)).toBe(true);
  });

  it.each([
    ['11.222.333/0001-82', 'wrong second check digit'],
    ['11.222.333/0001-71', 'wrong first check digit'],
    ['12.ABC.345/01DE-36', 'alphanumeric with a wrong check digit'],
    ['12.ABD.345/01DE-35', 'alphanumeric with a changed letter'],
    ['12.ABC.345/01DE-3A', 'a letter in the check-digit positions'],
    ['12.ABC.345/01DE-A5', 'a letter in the first check-digit position'],
    ['1122233300018', 'thirteen characters'],
    ['112223330001810', 'fifteen characters'],
    ['', 'empty'],
    ['00.000.000/0000-00', 'repeated zeros'],
    ['11.111.111/1111-11', 'repeated ones'],
    ['AAAAAAAAAAAAAA', 'repeated letters'],
    ['11 222 333 0001 81', 'spaces'],
    ['12.ABÇ.345/01DE-35', 'a letter outside A-Z'],
    ['12.AB*.345/01DE-35', 'a symbol'],
  ])('rejects %p (%s)', (cnpj) => {
    expect(isValidCnpj(cnpj)).toBe(false);
  });

  it('returns the bare upper-case characters from normalizeCnpj', () => {
    expect(normalizeCnpj('11.222.333/0001-81')).toBe('11222333000181');
    expect(normalizeCnpj('12.abc.345/01de-35')).toBe('12ABC34501DE35');
    expect(normalizeCnpj('12.ABC.345/01DE-36')).toBeNull();
  });

  it('rejects non-strings without throwing', () => {
    expect(isValidCnpj(11222333000181 as unknown as string)).toBe(false);
    expect(isValidCnpj(null as unknown as string)).toBe(false);
  });

  it('has exactly one valid pair of check digits per base', () => {
    const valid = Array.from({ length: 100 }, (_, i) => `12ABC34501DE${String(i).padStart(2, '0')}`).filter(
      isValidCnpj,
    );
    expect(valid).toEqual(['12ABC34501DE35']);
  });
});

describe('normalizeDocument with a CNPJ', () => {
  it('returns the kind and the bare value', () => {
    expect(normalizeDocument('11.222.333/0001-81')).toEqual({ kind: 'CNPJ', value: '11222333000181' });
    expect(normalizeDocument('12.abc.345/01de-35')).toEqual({ kind: 'CNPJ', value: '12ABC34501DE35' });
    expect(personTypeOf('CNPJ')).toBe('COMPANY');
  });

  it.each(['11.222.333/0001-82', '12.ABC.345/01DE-3A', '123', '', 'not a document'])(
    'throws InvalidDocumentError for %p',
    (text) => {
      expect(() => normalizeDocument(text)).toThrow(InvalidDocumentError);
    },
  );

  it('does not take a CPF-length value with letters for anything', () => {
    expect(() => normalizeDocument('529.982.24A-25')).toThrow(InvalidDocumentError);
  });
});

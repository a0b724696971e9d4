import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@peerseed/shared/domain';
import { normalizeEmail } from './email.js';
import { assertAcceptablePassword } from './password-policy.js';
import { assertSelfServiceRole, assertStaffRole, normalizeName } from './user.js';

describe('user rules', () => {
  it('normalises emails to trimmed lower case and rejects malformed ones', () => {
    expect(normalizeEmail('  Ana.Souza@Example.COM ')).toBe('ana.souza@example.com');
    for (const bad of ['ana', 'ana@', '@x.com', 'ana@x', 'a b@x.com', `${'a'.repeat(250)}@x.com`]) {
      expect(() => normalizeEmail(bad)).toThrow(ValidationError);
    }
  });

  it('wants passwords of 10 to 256 characters, not blank', () => {
    expect(() => assertAcceptablePassword('123456789')).toThrow(/at least 10/);
    expect(() => assertAcceptablePassword(' '.repeat(12))).toThrow(/blank/);
    expect(() => assertAcceptablePassword('x'.repeat(257))).toThrow(/at most 256/);
    expect(() => assertAcceptablePassword('çãõ-senha-longa')).not.toThrow();
  });

  it('lets only investors and producers self-register, and staff be admins or analysts', () => {
    expect(() => assertSelfServiceRole('INVESTOR')).not.toThrow();
    expect(() => assertSelfServiceRole('PRODUCER')).not.toThrow();
    expect(() => assertSelfServiceRole('ADMIN')).toThrow(ValidationError);
    expect(() => assertSelfServiceRole('ANALYST')).toThrow(ValidationError);
    expect(() => assertStaffRole('INVESTOR')).toThrow(ValidationError);
    expect(() => assertStaffRole('ANALYST')).not.toThrow();
  });

  it('trims names and bounds their length', () => {
    expect(normalizeName('  Ana   Souza ')).toBe('Ana Souza');
    expect(() => normalizeName('A')).toThrow(ValidationError);
    expect(() => normalizeName('x'.repeat(121))).toThrow(ValidationError);
  });
});

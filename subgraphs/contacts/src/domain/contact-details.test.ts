import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@peerseed/shared/domain';
import { parseContactDetails, type ContactDetailsInput } from './contact-details.js';

const valid: ContactDetailsInput = { firstName: 'Ana', lastName: 'Souza', email: 'ana@example.com', phone: null };

const fieldOf = (input: Partial<ContactDetailsInput>): string | undefined => {
  try {
    parseContactDetails({ ...valid, ...input });
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).details['field'] as string;
  }
};

describe('contact details rules', () => {
  it('trims names, collapses their inner white space (newlines too), lower-cases the email', () => {
    expect(
      parseContactDetails({
        firstName: '  Maria \n  Clara ',
        lastName: ' da Silva',
        email: ' Ana@Example.COM ',
        phone: '',
      }),
    ).toEqual({ firstName: 'Maria Clara', lastName: 'da Silva', email: 'ana@example.com', phone: null });
  });

  it.each([
    [{ firstName: '' }, 'firstName'],
    [{ firstName: '   ' }, 'firstName'],
    [{ lastName: '' }, 'lastName'],
    [{ firstName: 'a'.repeat(101) }, 'firstName'],
    [{ lastName: 'b'.repeat(101) }, 'lastName'],
    [{ firstName: 'Ana\u0000' }, 'firstName'],
    [{ lastName: 'Souza\u0007' }, 'lastName'],
    [{ email: '' }, 'email'],
    [{ email: 'not-an-email' }, 'email'],
    [{ email: 'ana@localhost' }, 'email'],
    [{ email: 'ana souza@example.com' }, 'email'],
    [{ email: `${'a'.repeat(250)}@example.com` }, 'email'],
    [{ phone: '123456789' }, 'phone'],
    [{ phone: '+0123456789' }, 'phone'],
    [{ phone: 'call me' }, 'phone'],
    [{ phone: `+55${'1'.repeat(40)}` }, 'phone'],
  ])('refuses %p with the field it names', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  it('accepts names of exactly 100 characters and an email of exactly 254', () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(185)}.com`;
    expect(email).toHaveLength(254);
    expect(fieldOf({ firstName: 'a'.repeat(100), lastName: 'b'.repeat(100), email })).toBeUndefined();
  });

  it('keeps accents and apostrophes in names', () => {
    expect(parseContactDetails({ ...valid, firstName: 'João', lastName: "D'Ávila" })).toMatchObject({
      firstName: 'João',
      lastName: "D'Ávila",
    });
  });
});

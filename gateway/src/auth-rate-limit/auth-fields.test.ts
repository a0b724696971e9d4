import { describe, expect, it } from '@jest/globals';
import { parse, type OperationDefinitionNode } from 'graphql';
import { countAuthFields } from './auth-fields.js';

/** The count of the document's operation (the first, or the one named). */
function count(source: string, name?: string): number {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && (!name || d.name?.value === name),
  )!;
  return countAuthFields(operation, document);
}

describe('countAuthFields', () => {
  it('counts login and register, each alias as an attempt, and no refreshToken', () => {
    expect(count('mutation { login(email: "a", password: "b") { accessToken } }')).toBe(1);
    const spray = Array.from(
      { length: 5 },
      (_, i) => `a${i}: login(email: "u${i}@x.com", password: "p") { accessToken }`,
    );
    expect(count(`mutation { ${spray.join(' ')} }`)).toBe(5);
    expect(
      count(
        'mutation ($i: RegisterInput!) { register(input: $i) { accessToken } r: refreshToken(refreshToken: "t") { accessToken } }',
      ),
    ).toBe(1);
    expect(count('mutation { refreshToken(refreshToken: "t") { accessToken } }')).toBe(0);
  });

  it('counts one field twice under the same key once: GraphQL merges and runs it once', () => {
    expect(
      count(
        'mutation { login(email: "a", password: "b") { accessToken } login(email: "a", password: "b") { expiresIn } }',
      ),
    ).toBe(1);
  });

  it('expands fragments and inline fragments on the root, each fragment once', () => {
    const source = `
      mutation M { ...Two ... on Mutation { c: login(email: "c", password: "p") { accessToken } } ...Two }
      fragment Two on Mutation { a: login(email: "a", password: "p") { accessToken } b: register(input: $i) { accessToken } }`;
    expect(count(source)).toBe(3);
  });

  it('counts skipped and included fields: the variables are not looked at', () => {
    expect(
      count('mutation ($no: Boolean!) { a: login(email: "a", password: "p") @include(if: $no) { accessToken } }'),
    ).toBe(1);
  });

  it('counts nothing else: other mutations, nested fields of the same name, queries', () => {
    expect(count('mutation { createCpr(input: {}) { id } markNotificationRead(id: "1") { id } }')).toBe(0);
    expect(count('mutation { createCpr(input: {}) { login: id } }')).toBe(0);
    expect(count('query { me { id } login: me { id } }')).toBe(0);
    expect(count('query Q { me { id } } mutation M { login(email: "a", password: "b") { accessToken } }', 'Q')).toBe(0);
  });
});

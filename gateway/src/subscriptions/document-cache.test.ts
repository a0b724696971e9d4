import { describe, expect, it } from '@jest/globals';
import { buildSchema, GraphQLError, parse } from 'graphql';
import { documentCache } from './document-cache.js';

const schema = buildSchema(`type Query { a: Int, b: Int }`);

describe('documentCache', () => {
  it('compiles a text once per schema and keeps only valid documents, the least recently used going first', () => {
    const documents = documentCache(2);
    let compiled = 0;
    const valid = (text: string) => () => (compiled++, parse(text));
    const a = documents(schema, '{ a }', valid('{ a }'));
    expect(documents(schema, '{ a }', valid('{ a }'))).toBe(a);
    expect(compiled).toBe(1);

    const refused = [new GraphQLError('no')];
    expect(documents(schema, '{ c }', () => (compiled++, refused))).toBe(refused);
    documents(schema, '{ c }', () => (compiled++, refused));
    expect(compiled).toBe(3); // errors are not kept

    documents(schema, '{ b }', valid('{ b }'));
    documents(schema, '{ a }', valid('{ a }')); // used: '{ b }' is now the oldest
    documents(schema, '{ a b }', valid('{ a b }'));
    expect(compiled).toBe(5);
    expect(documents(schema, '{ a }', valid('{ a }'))).toBe(a);
    documents(schema, '{ b }', valid('{ b }'));
    expect(compiled).toBe(6);

    const otherSchema = buildSchema(`type Query { a: Int }`);
    expect(documents(otherSchema, '{ a }', valid('{ a }'))).not.toBe(a);
  });
});

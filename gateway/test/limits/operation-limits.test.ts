import { ApolloServer } from '@apollo/server';
import {
  buildSchema,
  getIntrospectionQuery,
  parse,
  specifiedRules,
  validate,
  type GraphQLError,
  type GraphQLFormattedError,
} from 'graphql';
import {
  DEFAULT_OPERATION_LIMITS,
  apolloLimitOptions,
  checkDocumentSize,
  limitErrorCodePlugin,
  operationLimitRules,
  operationParseOptions,
  resolveOperationLimits,
} from '../../src/limits/index.js';

const ROOT_FIELD_COUNT = 25;
const typeDefs = `
  type Query {
    users: [User!]!
    a: Int
    ${Array.from({ length: ROOT_FIELD_COUNT }, (_, i) => `f${i}: Int`).join('\n    ')}
  }
  type User { id: ID! name: String friends: [User!]! bestFriend: User }
`;
const schema = buildSchema(typeDefs);

/** Errors of the document under every standard rule plus the limit rules with default limits. */
function validateWithLimits(source: string): readonly GraphQLError[] {
  return validate(schema, parse(source, operationParseOptions()), [...specifiedRules, ...operationLimitRules()]);
}

/** A query whose field nesting is exactly `depth` levels: users > bestFriend… > id (no list nested: cheap). */
function nestedQuery(depth: number): string {
  return `{ users { ${'bestFriend { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;
}

function aliasedQuery(aliases: number): string {
  return `{ users { ${Array.from({ length: aliases }, (_, i) => `a${i}: id`).join(' ')} } }`;
}

function rootFieldsQuery(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `f${i}`).join(' ')} }`;
}

function expectLimitError(errors: readonly GraphQLError[], name: string, max: number, actual?: number): void {
  expect(errors).toHaveLength(1);
  expect(errors[0]?.extensions).toEqual({
    code: 'BAD_USER_INPUT',
    limit: actual === undefined ? { name, max } : { name, max, actual },
  });
  expect(errors[0]?.message).toContain(`(${name})`);
}

describe('operation limits as graphql-js validation rules', () => {
  it('documents its defaults and validates overrides', () => {
    expect(DEFAULT_OPERATION_LIMITS).toEqual({
      maxDepth: 12,
      maxAliases: 30,
      maxRootFields: 20,
      maxTokens: 2000,
      maxDocumentBytes: 20480,
      maxCost: 20000,
    });
    expect(resolveOperationLimits({ maxDepth: 5 })).toEqual({ ...DEFAULT_OPERATION_LIMITS, maxDepth: 5 });
    expect(() => resolveOperationLimits({ maxAliases: 0 })).toThrow(RangeError);
    expect(() => resolveOperationLimits({ maxTokens: Number.NaN })).toThrow(RangeError);
  });

  it('limits depth', () => {
    expect(validateWithLimits(nestedQuery(12))).toEqual([]);
    expectLimitError(validateWithLimits(nestedQuery(13)), 'maxDepth', 12, 13);
  });

  it('follows fragments when measuring depth', () => {
    const viaFragments = (depth: number): string => `
      query Deep { users { ...Friends } }
      fragment Friends on User { friends { ... on User { ...Inner } } }
      fragment Inner on User { ${'bestFriend { '.repeat(depth - 3)}id${' }'.repeat(depth - 3)} }`;
    expect(validateWithLimits(viaFragments(12))).toEqual([]);
    const errors = validateWithLimits(viaFragments(13));
    expectLimitError(errors, 'maxDepth', 12, 13);
    expect(errors[0]?.message).toContain('Operation "Deep"');
  });

  it('limits aliases, counting a fragment once per spread', () => {
    expect(validateWithLimits(aliasedQuery(30))).toEqual([]);
    expectLimitError(validateWithLimits(aliasedQuery(31)), 'maxAliases', 30, 31);
    const spreadTwice = (aliasesInFragment: number): string => `
      { users { ...Aliased friends { ...Aliased } } }
      fragment Aliased on User { ${Array.from({ length: aliasesInFragment }, (_, i) => `x${i}: id`).join(' ')} }`;
    expect(validateWithLimits(spreadTwice(15))).toEqual([]);
    expectLimitError(validateWithLimits(spreadTwice(16)), 'maxAliases', 30, 32);
  });

  it('limits root fields, fragments on the root expanded', () => {
    expect(validateWithLimits(rootFieldsQuery(20))).toEqual([]);
    expectLimitError(validateWithLimits(rootFieldsQuery(21)), 'maxRootFields', 20, 21);
    const viaFragment = `{ f0 ...Roots ... on Query { f20 } }
      fragment Roots on Query { ${Array.from({ length: 19 }, (_, i) => `f${i + 1}`).join(' ')} }`;
    expectLimitError(validateWithLimits(viaFragment), 'maxRootFields', 20, 21);
  });

  it('counts root fields per operation', () => {
    const twoOperations = `query One ${rootFieldsQuery(20)} query Two ${rootFieldsQuery(20)}`;
    expect(validateWithLimits(twoOperations)).toEqual([]);
  });

  it('terminates on fragment cycles (reported by NoFragmentCyclesRule)', () => {
    const cyclic = `
      { ...Root users { ...A } }
      fragment Root on Query { a ...Root }
      fragment A on User { x: id friends { ...B } }
      fragment B on User { y: id friends { ...A } }`;
    const messages = validateWithLimits(cyclic).map((error) => error.message);
    expect(messages.some((message) => message.startsWith('Cannot spread fragment'))).toBe(true);
  });

  it('measures fragment fan-out without exploring every path', () => {
    const levels = 40; // 2^40 paths: only memoization makes this finish
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on User { ${i + 1 < levels ? `...F${i + 1} friends { ...F${i + 1} }` : 'n: id'} }`,
    );
    const errors = validateWithLimits(`{ users { ...F0 } } ${fragments.join('\n')}`);
    const names = errors.map((error) => (error.extensions['limit'] as { name: string }).name);
    expect(names.sort()).toEqual(['maxAliases', 'maxCost', 'maxDepth']);
  });

  it('lets the standard introspection query through with the default limits', () => {
    const introspection = getIntrospectionQuery({
      descriptions: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      directiveIsRepeatable: true,
      specifiedByUrl: true,
      oneOf: true,
    });
    expect(validateWithLimits(introspection)).toEqual([]);
    expect(checkDocumentSize(introspection, DEFAULT_OPERATION_LIMITS.maxDocumentBytes)).toBeUndefined();
  });

  it('leaves abusive introspection nesting to graphql-js MaxIntrospectionDepthRule', () => {
    const errors = validateWithLimits(
      '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
    );
    expect(errors.map((error) => error.message)).toEqual(['Maximum introspection depth exceeded']);
  });

  it('limits tokens through the parser options', () => {
    const withTokens = (tokens: number): string => `{ ${'a '.repeat(tokens - 2)}}`; // braces are 2 tokens
    expect(() => parse(withTokens(2000), operationParseOptions())).not.toThrow();
    expect(() => parse(withTokens(2001), operationParseOptions())).toThrow(/more th(?:an|at) 2000 tokens/);
  });

  it('limits document bytes (UTF-8)', () => {
    const max = DEFAULT_OPERATION_LIMITS.maxDocumentBytes;
    const padded = (bytes: number): string => `{ a }\n#${'é'.repeat((bytes - 7) / 2)}`; // é is 2 bytes
    expect(checkDocumentSize(padded(max - 1), max)).toBeUndefined();
    const error = checkDocumentSize(padded(max + 1), max);
    expect(error?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      limit: { name: 'maxDocumentBytes', max, actual: max + 1 },
    });
  });
});

describe('operation limits in Apollo Server', () => {
  let server: ApolloServer;

  beforeAll(async () => {
    server = new ApolloServer({
      typeDefs,
      resolvers: { Query: { a: () => 1, users: () => [{ id: '1', friends: [] }] } },
      ...apolloLimitOptions(),
    });
    await server.start();
  });

  afterAll(async () => {
    await server.stop();
  });

  async function execute(
    query: string,
  ): Promise<{ status?: number; data?: unknown; errors?: readonly GraphQLFormattedError[] }> {
    const response = await server.executeOperation({ query });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    return { status: response.http.status, data, errors };
  }

  it('runs a normal query', async () => {
    const result = await execute('{ a users { id friends { id } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ a: 1, users: [{ id: '1', friends: [] }] });
  });

  it('serves the introspection query', async () => {
    const result = await execute(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }));
    expect(result.errors).toBeUndefined();
  });

  it('rejects a document over the token limit', async () => {
    const result = await execute(`{ ${'a '.repeat(2100)}}`);
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toMatch(/Document contains more th(?:an|at) 2000 tokens/);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: { name: 'maxTokens', max: 2000 },
    });
  });

  it('rejects a document over the size limit, even when its tokens are few', async () => {
    const result = await execute(`{ a }\n# ${'x'.repeat(21 * 1024)}`);
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toContain('(maxDocumentBytes)');
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: { name: 'maxDocumentBytes', max: 20480 },
    });
  });

  it('reports validation-rule limits with the same code and limit name', async () => {
    const result = await execute(nestedQuery(13));
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: { name: 'maxDepth', max: 12, actual: 13 },
    });
  });

  it('reports the cost limit with the same code and limit name', async () => {
    // users and friends are unpaginated lists: 20 items assumed each, so 1 + 20 × (1 + 20 × (1 + 20 × (1 + 20)))
    const result = await execute('{ users { friends { friends { friends { id } } } } }');
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: { name: 'maxCost', max: 20000, actual: 168421 },
    });
  });

  it('leaves an error without extensions as it is (it crashed the plugin under load)', async () => {
    const listener = await limitErrorCodePlugin().requestDidStart!({} as never);
    const bare = { message: 'socket hang up', extensions: undefined } as unknown as GraphQLError;
    await expect(listener!.didEncounterErrors!({ errors: [bare] } as never)).resolves.toBeUndefined();
    expect(bare.extensions).toBeUndefined();
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import {
  buildSchema,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type OperationDefinitionNode,
} from 'graphql';
import { OPEN_CPR_PAGE } from '../../../bench/open-cpr-page.js';
import { loadGatewayConfig } from '../../src/config.js';
import {
  DEFAULT_OPERATION_LIMITS,
  operationCostCounter,
  operationLimitRules,
  operationParseOptions,
  resolveOperationLimits,
  type OperationLimits,
} from '../../src/limits/index.js';

// The composed API schema clients query: Distribution.cpr and Cpr.distributions point at each other.
const gatewayDir = new URL('../../', import.meta.url);
const schema = buildSchema(readFileSync(new URL('api-schema.graphql', gatewayDir), 'utf8'));

function validateWithLimits(source: string, overrides?: Partial<OperationLimits>): readonly GraphQLError[] {
  const document = parse(source, operationParseOptions(overrides));
  return validate(schema, document, [...specifiedRules, ...operationLimitRules(overrides)]);
}

/** The cost of each operation of a document, by name (`-` when anonymous). */
function costs(source: string): Record<string, number> {
  const document: DocumentNode = parse(source);
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  const costOf = operationCostCounter(schema, (name) => fragments.find((f) => f.name.value === name));
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return Object.fromEntries(operations.map((o) => [o.name?.value ?? '-', costOf(o)]));
}

const cost = (source: string): number => Object.values(costs(source))[0]!;

// The security review's query: 12 lines deep, ~800 tokens with 20 aliases, so within every other limit.
const CYCLE = 'cpr{distributions{cpr{distributions{cpr{distributions{cpr{distributions{cpr{distributions{id}}}}}}}}}}';
const ATTACK = `query ($id: ID!) { ${Array.from({ length: 20 }, (_, i) => `d${i}: distribution(id: $id) { ${CYCLE} }`).join(' ')} }`;

describe('operation cost', () => {
  it('rejects the review attack with BAD_USER_INPUT and maxCost, and it is the only limit it hits', () => {
    const errors = validateWithLimits(ATTACK);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      limit: { name: 'maxCost', max: 20000, actual: 70_736_860 },
    });
    expect(errors[0]?.message).toBe('The operation costs 70736860; the limit is 20000 (maxCost).');
    // One alias alone is 3.5 million: each unpaginated Cpr.distributions counts as 20 distributions.
    expect(cost(`query ($id: ID!) { distribution(id: $id) { ${CYCLE} } }`)).toBe(3_536_843);
  });

  it('rejects the same cycle in a subscription, since the WebSocket server validates with the same rules', () => {
    const cycle =
      'cpr { distributions { cpr { distributions { cpr { distributions { cpr { distributions { id } } } } } } } }';
    const errors = validateWithLimits(`subscription { paymentUpdates { payment { ${cycle} } } }`); // 11 deep
    expect(errors.map((e) => e.extensions['limit'])).toEqual([{ name: 'maxCost', max: 20000, actual: 176_844 }]);
  });

  it('accepts a normal paginated query, each list multiplied by its page or the assumed 20', () => {
    // cprs 1 + edges 1 + 5 × (node 1 + id 1 + installments (1 + 20 × number 1))
    const page = '{ cprs(first: 5) { edges { node { id installments { number } } } } }';
    expect(cost(page)).toBe(2 + 5 * 23);
    expect(validateWithLimits(page)).toEqual([]);
    // myNotifications 1 + edges 1 + 50 × (node 1 + id 1 + title 1)
    expect(cost('{ myNotifications(first: 50) { edges { node { id title } } } }')).toBe(2 + 50 * 3);
  });

  it('sizes pages: a literal, a variable as 100, the argument default, else 20; scalars and meta fields', () => {
    const notifications = (args: string) => `query ($n: Int) { myNotifications${args} { edges { node { id } } } }`;
    expect(cost(notifications('(first: 7)'))).toBe(2 + 7 * 2);
    expect(cost(notifications('(first: $n)'))).toBe(2 + 100 * 2);
    expect(cost(notifications(''))).toBe(2 + 20 * 2);
    expect(cost(notifications('(first: 0)'))).toBe(2);
    expect(cost('{ accountsDeadLetters { id } }')).toBe(1 + 50); // first: Int! = 50
    expect(cost('{ accountsDeadLetters(first: 3) { id } }')).toBe(1 + 3);
    // pageInfo and totalCount are not lists: counted once, not per item.
    expect(cost('{ cprs(first: 10) { totalCount pageInfo { hasNextPage } edges { cursor } } }')).toBe(
      1 + 1 + 2 + 1 + 10,
    );
    expect(cost('{ __typename me { __typename id } }')).toBe(2);
  });

  it('counts fragments and inline fragments where they are spread, with the page of their connection', () => {
    const inline = '{ cprs(first: 10) { edges { node { id issuer { name } } } } }';
    const expected = 2 + 10 * (1 + 1 + 2);
    expect(cost(inline)).toBe(expected);
    expect(cost('{ cprs(first: 10) { edges { node { ...Cpr } } } } fragment Cpr on Cpr { id issuer { name } }')).toBe(
      expected,
    );
    expect(cost('{ cprs(first: 10) { edges { node { ... on Cpr { id ... { issuer { name } } } } } } }')).toBe(expected);
    // A fragment holding the connection's edges still gets the connection's page, not the default 20.
    expect(cost('{ cprs(first: 10) { ...Edges } } fragment Edges on CprConnection { edges { node { id } } }')).toBe(
      2 + 10 * 2,
    );
    // Spread twice, counted twice; memoized per page, so operations of one document agree.
    const twice = `query A { cprs(first: 10) { ...Edges } a: cprs(first: 1) { ...Edges } }
      query B { cprs(first: 10) { ...Edges } }
      fragment Edges on CprConnection { edges { node { id } } }`;
    expect(costs(twice)).toEqual({ A: 2 + 10 * 2 + 2 + 2, B: 2 + 10 * 2 });
  });

  it('rejects the attack hidden in fragments', () => {
    const viaFragments = `query ($id: ID!) { distribution(id: $id) { ...D } }
      fragment D on Distribution { cpr { distributions { cpr { ...C } } } }
      fragment C on Cpr { distributions { cpr { distributions { cpr { distributions { ... on Distribution { cpr {
        distributions { id } } } } } } } } }`;
    expect(cost(viaFragments)).toBe(3_536_843);
    expect(validateWithLimits(viaFragments).map((e) => e.extensions['limit'])).toEqual([
      { name: 'maxCost', max: 20000, actual: 3_536_843 },
    ]);
  });

  it('has a configurable maximum: MAX_COST, or maxCost in the overrides (a positive integer)', () => {
    const page = '{ cprs(first: 5) { edges { node { id installments { number } } } } }'; // costs 117
    expect(validateWithLimits(page, { maxCost: 117 })).toEqual([]);
    expect(validateWithLimits(page, { maxCost: 116 }).map((e) => e.extensions['limit'])).toEqual([
      { name: 'maxCost', max: 116, actual: 117 },
    ]);
    expect(validateWithLimits(ATTACK, { maxCost: 100_000_000 })).toEqual([]);
    expect(() => resolveOperationLimits({ maxCost: 0 })).toThrow(RangeError);
    expect(loadGatewayConfig({}).MAX_COST).toBe(DEFAULT_OPERATION_LIMITS.maxCost);
    expect(loadGatewayConfig({ MAX_COST: '50000' }).MAX_COST).toBe(50000);
  });

  it("lets every operation the product's tests and benches send through, the largest included", () => {
    const dir = new URL('test/operations/', gatewayDir);
    const operations = readdirSync(dir).map((file) => readFileSync(new URL(file, dir), 'utf8'));
    for (const source of operations) expect(validateWithLimits(source)).toEqual([]);
    expect(costs(operations.join('\n'))).toMatchObject({ CprPage: 7106, MyNotifications: 602, Contacts: 505 });
    // The marketplace bench's page of OPEN CPRs with issuer, funded amount and installments (first: $first).
    expect(cost(OPEN_CPR_PAGE)).toBe(11_003);
    expect(validateWithLimits(OPEN_CPR_PAGE)).toEqual([]);
  });
});

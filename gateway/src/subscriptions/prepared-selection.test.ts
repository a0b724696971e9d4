import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { oncePerEvent } from './once-per-event.js';
import { preparedSelectionQuery } from './supergraph-selection.js';

const schema = buildSchema(readFileSync(new URL('../../api-schema.graphql', import.meta.url), 'utf8'));

/** The resolve info of `PaymentEvent.payment` for each of `runs` executions of one document. */
function infosOf(document: string, variableValues: Record<string, unknown>, runs = 2): GraphQLResolveInfo[] {
  const infos: GraphQLResolveInfo[] = [];
  const parsed = parse(document);
  const fieldResolver = (source: any, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
    if (info.parentType.name === 'PaymentEvent' && info.fieldName === 'payment') infos.push(info);
    return info.parentType.name === 'Subscription' ? source : null;
  };
  for (let i = 0; i < runs; i++) {
    // A subscription's events execute its one document again and again (graphql-js subscribe).
    void execute({ schema, document: parsed, variableValues, rootValue: {}, fieldResolver });
  }
  return infos;
}

describe('preparedSelectionQuery', () => {
  const DOC = `subscription ($n: Boolean!) { paymentUpdates { p: payment { id n: installmentNumber @include(if: $n) } } }`;

  it("builds a subscription's selection once: every event of the same document and variables reuses it", () => {
    const [first, second] = infosOf(DOC, { n: true });
    const prepared = preparedSelectionQuery(first!, 'payment');
    expect(preparedSelectionQuery(second!, 'payment')).toBe(prepared);
    expect(prepared.variables).toEqual({ n: true });
    expect(prepared.query).toContain('n: installmentNumber @include(if: $n)');
  });

  it('never reuses it across documents, variables or root fields', () => {
    const [withN] = infosOf(DOC, { n: true }, 1);
    const [sameTextOtherDocument] = infosOf(DOC, { n: true }, 1);
    const withN2 = preparedSelectionQuery(withN!, 'payment');
    expect(preparedSelectionQuery(sameTextOtherDocument!, 'payment')).not.toBe(withN2);
    const [sameDocument] = infosOf(DOC, { n: true }, 1);
    const otherVariables = { ...sameDocument!, variableValues: { n: false } } as GraphQLResolveInfo;
    expect(preparedSelectionQuery(sameDocument!, 'payment').variables).toEqual({ n: true });
    expect(preparedSelectionQuery(otherVariables, 'payment').variables).toEqual({ n: false });
    expect(preparedSelectionQuery(sameDocument!, 'notification').field).toBe('notification');
  });

  it('keeps one per variables for subscriptions sharing a document', () => {
    const [info] = infosOf(DOC, { n: true }, 1);
    const other = { ...info!, variableValues: { n: false } } as GraphQLResolveInfo;
    const withN = preparedSelectionQuery(info!, 'payment');
    const withoutN = preparedSelectionQuery(other, 'payment');
    expect(preparedSelectionQuery(info!, 'payment')).toBe(withN);
    expect(preparedSelectionQuery(other, 'payment')).toBe(withoutN);
  });
});

describe('oncePerEvent', () => {
  it('maps each stored event once, frozen, and other event objects on their own', () => {
    let calls = 0;
    const map = oncePerEvent(
      (event: { sequence: number }) => (calls++, event.sequence > 1 ? { n: event.sequence } : null),
    );
    const event = { sequence: 2, subject: 's', data: new Uint8Array() };
    const first = map(event);
    expect(map(event)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const skipped = { ...event, sequence: 1 };
    expect(map(skipped)).toBeNull();
    expect(map(skipped)).toBeNull();
    expect(map({ ...event })).toEqual(first);
    expect(calls).toBe(3);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { GatewayContext } from '../gateway-context.js';
import { boundQueries } from './bounded-query.js';
import type { SupergraphQuery } from './supergraph-selection.js';

const context = {} as GatewayContext;

/** A query whose answers the test releases by hand, recording the most ever in flight. */
function manualQuery() {
  const pending: { text: string; answer: () => void; fail: () => void }[] = [];
  let inFlight = 0;
  let most = 0;
  const query: SupergraphQuery = (text) =>
    new Promise((resolve, reject) => {
      inFlight++;
      most = Math.max(most, inFlight);
      const done = () => inFlight--;
      pending.push({
        text,
        answer: () => (done(), resolve({ data: { text } })),
        fail: () => (done(), reject(new Error(`failed ${text}`))),
      });
    });
  return { query, pending, most: () => most };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('boundQueries', () => {
  it('keeps at most `max` in flight, starting the waiting ones in order as others finish or fail', async () => {
    const manual = manualQuery();
    const bounded = boundQueries(manual.query, 2);
    const answers = ['a', 'b', 'c', 'd'].map((text) => bounded(text, {}, context));
    const b = answers[1]!.then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await tick();
    expect(manual.pending.map((p) => p.text)).toEqual(['a', 'b']);
    manual.pending[1]!.fail();
    await tick();
    expect(manual.pending.map((p) => p.text)).toEqual(['a', 'b', 'c']);
    manual.pending[0]!.answer();
    await tick();
    expect(manual.pending.map((p) => p.text)).toEqual(['a', 'b', 'c', 'd']);
    manual.pending[2]!.answer();
    manual.pending[3]!.answer();
    expect(await b).toBe('failed b');
    expect(await Promise.all([answers[0], answers[2], answers[3]])).toEqual(
      ['a', 'c', 'd'].map((text) => ({ data: { text } })),
    );
    expect(manual.most()).toBe(2);
  });
});

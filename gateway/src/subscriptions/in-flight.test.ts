import { describe, expect, it } from '@jest/globals';
import { shareInFlightByPair } from './in-flight.js';

describe('shareInFlightByPair', () => {
  it('shares a run among callers of the same pair while it runs, and only then', async () => {
    const shared = shareInFlightByPair<number>();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const run = async () => (await gate, ++runs);
    const viewer = JSON.stringify(['u1', 'INVESTOR', 'subscription { a }']);
    const sameViewer = JSON.stringify(['u1', 'INVESTOR', 'subscription { a }']); // equal, another string
    const together = [shared('e1', viewer, run), shared('e1', sameViewer, run)];
    const otherEvent = shared('e2', viewer, run);
    const otherViewer = shared('e1', 'u2', run);
    release();
    expect(await Promise.all(together)).toEqual([1, 1]);
    expect(new Set([await otherEvent, await otherViewer]).size).toBe(2);
    expect(runs).toBe(3);
    expect(await shared('e1', viewer, run)).toBe(4); // settled: asked again
  });
});

import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '@peerseed/shared/testing';
import { splitByLargestRemainder } from '../src/domain/largest-remainder.js';
import type { DistributionLine } from '../src/domain/distribution.js';
import type { Holding } from '../src/domain/holding.js';
import { holdingsOf, plan } from './fakes/split-builders.js';

// Property-style tests of the split, on a seeded PRNG so a failure reproduces. (Here rather
// than beside the domain: lint keeps domain/ files, tests included, off the test kit.)
const sum = (parts: bigint[]) => parts.reduce((total, part) => total + part, 0n);

describe('splitByLargestRemainder, for random weights and amounts', () => {
  // Property: for random weights and amounts, the parts add up exactly and each is within
  // one centavo of its exact share: |part × Σw − amount × w| < Σw.
  it('always adds up exactly, each part within a centavo of its exact share (seeded)', () => {
    const random = seededRandom(20_261_125);
    for (let run = 0; run < 500; run++) {
      const count = 1 + Math.floor(random() * (run % 10 === 0 ? 2_000 : 40));
      const weights = Array.from({ length: count }, () => BigInt(1 + Math.floor(random() * 5_000_000)));
      const amount = BigInt(Math.floor(random() * 100_000_000));
      const parts = splitByLargestRemainder(amount, weights);
      const total = weights.reduce((a, b) => a + b, 0n);
      expect(sum(parts)).toBe(amount);
      // One expectation per run, not per part: jest's expect costs more than the split.
      const offShare = parts.findIndex((part, i) => {
        const deviation = part * total - amount * weights[i]!;
        return part < 0n || deviation >= total || -deviation >= total;
      });
      expect(offShare).toBe(-1);
    }
  });

  it('splits among 10,000 claims in milliseconds', () => {
    const random = seededRandom(7);
    const weights = Array.from({ length: 10_000 }, () => BigInt(100 + Math.floor(random() * 2_000_000)));
    const started = performance.now();
    const parts = splitByLargestRemainder(123_456_789n, weights);
    expect(performance.now() - started).toBeLessThan(200);
    expect(sum(parts)).toBe(123_456_789n);
  });
});

describe('planDistribution, for random holdings, payments and fees', () => {
  // Property: random holdings (repeat investors, equal stakes, equal instants), amounts and fees.
  it('always pays out exactly total − fee, each line within a centavo of its share, odd centavos by remainder then earlier investment (seeded)', () => {
    const random = seededRandom(5_150);
    for (let run = 0; run < 300; run++) {
      const count = 1 + Math.floor(random() * 60);
      const investors = 1 + Math.floor(random() * count);
      const rows = Array.from({ length: count }, (_, i): [number, bigint, number, number] => [
        1 + Math.floor(random() * investors),
        // Every other run draws from five amounts only, so equal stakes (ties) are common.
        run % 2 ? BigInt(1 + Math.floor(random() * 2_000_000)) : BigInt(1_000 * (1 + Math.floor(random() * 5))),
        Math.floor(random() * 5),
        i,
      ]);
      const holdings = holdingsOf(rows);
      const total = BigInt(1 + Math.floor(random() * 50_000_000));
      const feeBps = random() < 0.5 ? 0 : Math.floor(random() * 2_000);
      const d = plan(holdings, total, feeBps);
      const net = total - d.fee;
      expect(d.lines.reduce((sum, line) => sum + line.amount, 0n)).toBe(net);
      const held = holdings.reduce((sum, h) => sum + h.amount, 0n);
      const stakes = new Map<string, bigint>();
      for (const h of holdings) stakes.set(h.investorId, (stakes.get(h.investorId) ?? 0n) + h.amount);
      const offShare = d.lines.filter((line) => {
        const deviation = line.amount * held - net * stakes.get(line.investorId)!; // (line − exact share) × held
        return deviation >= held || -deviation >= held;
      });
      expect(offShare).toEqual([]);
      expect(new Set(d.lines.map((line) => line.investorId)).size).toBe(d.lines.length);
      expect(extraCentavosInOrder(holdings, d.lines, net, held)).toMatch(/^1*0*$/);
    }
  });

  it('plans a distribution among 10,000 investors well within the 2-second budget', () => {
    const random = seededRandom(10_000);
    const rows = Array.from({ length: 10_000 }, (_, i): [number, bigint, number, number] => [
      i + 1,
      BigInt(1_000 + Math.floor(random() * 500_000)),
      Math.floor(random() * 30),
      i,
    ]);
    const holdings = holdingsOf(rows);
    const started = performance.now();
    const d = plan(holdings, 1_234_567n, 50);
    expect(performance.now() - started).toBeLessThan(300);
    expect(d.lines).toHaveLength(10_000);
    expect(d.lines.reduce((total, line) => total + line.amount, 0n)).toBe(1_234_567n - d.fee);
  });
});

/**
 * The odd centavos (line − floor of its exact share, 0 or 1) of each line, ordered by
 * remainder (largest first), then earliest first investment, then its investment id:
 * the split is right when they read 1…10…0.
 */
function extraCentavosInOrder(holdings: Holding[], lines: DistributionLine[], net: bigint, held: bigint): string {
  const first = new Map<string, { at: number; id: string; stake: bigint }>();
  for (const h of holdings) {
    const known = first.get(h.investorId);
    const stake = (known?.stake ?? 0n) + h.amount;
    const earlier =
      !known || h.investedAt.getTime() < known.at || (h.investedAt.getTime() === known.at && h.investmentId < known.id);
    first.set(h.investorId, earlier ? { at: h.investedAt.getTime(), id: h.investmentId, stake } : { ...known, stake });
  }
  return lines
    .map((line) => {
      const { at, id, stake } = first.get(line.investorId)!;
      const exact = net * stake;
      return { at, id, remainder: exact % held, extra: line.amount - exact / held };
    })
    .sort((a, b) =>
      a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : a.at - b.at || (a.id < b.id ? -1 : 1),
    )
    .map((r) => r.extra.toString())
    .join('');
}

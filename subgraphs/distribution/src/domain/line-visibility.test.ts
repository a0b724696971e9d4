import { describe, expect, it } from '@jest/globals';
import type { Identity, Role } from '@peerseed/shared/domain';
import { lineScopeFor, visibleLines } from './line-visibility.js';

const as = (userId: string, role: Role): Identity => ({ userId, role, expiresAt: new Date(Date.now() + 60_000) });
const lines = [
  { investorId: 'ana', amount: 30n },
  { investorId: 'bruno', amount: 20n },
];

describe('line visibility', () => {
  it('shows every line to ADMINs and to the CPR’s issuer', () => {
    expect(visibleLines(lines, 'issuer', as('someone', 'ADMIN'))).toEqual(lines);
    expect(visibleLines(lines, 'issuer', as('issuer', 'PRODUCER'))).toEqual(lines);
  });

  it('shows an investor only their own line, and anyone else none', () => {
    expect(visibleLines(lines, 'issuer', as('bruno', 'INVESTOR'))).toEqual([lines[1]]);
    expect(visibleLines(lines, 'issuer', as('carla', 'INVESTOR'))).toEqual([]);
    expect(visibleLines(lines, 'issuer', as('other-issuer', 'PRODUCER'))).toEqual([]);
    expect(visibleLines(lines, 'issuer', as('analyst', 'ANALYST'))).toEqual([]);
    expect(visibleLines(lines, 'issuer', null)).toEqual([]);
  });

  it('tells repositories what to read', () => {
    expect(lineScopeFor(null)).toEqual({ kind: 'none' });
    expect(lineScopeFor(as('a', 'ADMIN'))).toEqual({ kind: 'every-line' });
    expect(lineScopeFor(as('b', 'INVESTOR'))).toEqual({ kind: 'issuer-or-own', viewerId: 'b' });
  });
});

import { Role, type Identity } from '@peerseed/shared/domain';
import type { DistributionLine } from './distribution.js';

/**
 * Which lines of a distribution a viewer may read (LGPD: other investors' identities and
 * amounts are never shown): ADMINs every line; the CPR's issuer every line of its CPR;
 * anyone else signed in only their own line (none if they hold nothing); anonymous none.
 * Repositories use it to read no more than that.
 */
export type LineScope = { kind: 'every-line' } | { kind: 'issuer-or-own'; viewerId: string } | { kind: 'none' };

export function lineScopeFor(viewer: Identity | null): LineScope {
  if (!viewer) return { kind: 'none' };
  if (viewer.role === Role.ADMIN) return { kind: 'every-line' };
  return { kind: 'issuer-or-own', viewerId: viewer.userId };
}

/** The lines of a distribution of `issuerId`'s CPR that `viewer` may read (the rule above, applied). */
export function visibleLines(lines: DistributionLine[], issuerId: string, viewer: Identity | null): DistributionLine[] {
  const scope = lineScopeFor(viewer);
  if (scope.kind === 'every-line') return lines;
  if (scope.kind === 'none') return [];
  if (scope.viewerId === issuerId) return lines;
  return lines.filter((line) => line.investorId === scope.viewerId);
}

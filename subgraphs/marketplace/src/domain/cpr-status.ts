import { ConflictError } from '@peerseed/shared/domain';

export const CprStatus = {
  DRAFT: 'DRAFT',
  UNDER_REVIEW: 'UNDER_REVIEW',
  OPEN: 'OPEN',
  FUNDED: 'FUNDED',
  ACTIVE: 'ACTIVE',
  SETTLED: 'SETTLED',
  CANCELLED: 'CANCELLED',
  DEFAULTED: 'DEFAULTED',
} as const;
export type CprStatus = (typeof CprStatus)[keyof typeof CprStatus];

/** The CPR state machine (design.md flows 2–6): which status may follow which. */
const TRANSITIONS: Record<CprStatus, readonly CprStatus[]> = {
  DRAFT: ['UNDER_REVIEW', 'CANCELLED'],
  UNDER_REVIEW: ['OPEN', 'DRAFT', 'CANCELLED'],
  OPEN: ['FUNDED', 'CANCELLED'],
  FUNDED: ['ACTIVE', 'CANCELLED'],
  ACTIVE: ['SETTLED', 'DEFAULTED'],
  SETTLED: [],
  CANCELLED: [],
  DEFAULTED: ['SETTLED'],
};

export function canTransition(from: CprStatus, to: CprStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Refuses an illegal transition with a CONFLICT that says what was attempted. */
export function assertTransition(from: CprStatus, to: CprStatus, action: string): void {
  if (!canTransition(from, to)) {
    throw new ConflictError(`Cannot ${action}: the CPR is ${from}, and ${from} cannot become ${to}`, { status: from });
  }
}

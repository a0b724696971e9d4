import { Role, ValidationError, type PersonType } from '@peerseed/shared/domain';

/** A Peerseed account. Credentials live here; tokens are issued by the application layer. */
export interface User {
  id: string;
  name: string;
  /** Normalised (trimmed, lower case); unique. */
  email: string;
  role: Role;
  /** CPF or CNPJ, digits/letters only; never shown to other users. */
  document: string;
  /** INDIVIDUAL (CPF) or COMPANY (CNPJ): tells tax reports whether CPR-F income is exempt. */
  personType: PersonType;
  passwordHash: string;
  createdAt: Date;
  /** Consecutive failed logins since the last success (throttling). */
  failedLoginCount: number;
  lockedUntil: Date | null;
}

/** Roles anyone may choose when signing up; ADMIN and ANALYST are created by an ADMIN. */
export const SELF_SERVICE_ROLES: readonly Role[] = [Role.INVESTOR, Role.PRODUCER];
export const STAFF_ROLES: readonly Role[] = [Role.ADMIN, Role.ANALYST];

export function assertSelfServiceRole(role: Role): void {
  if (!SELF_SERVICE_ROLES.includes(role)) {
    throw new ValidationError('Only INVESTOR or PRODUCER accounts can be self-registered', 'role');
  }
}

export function assertStaffRole(role: Role): void {
  if (!STAFF_ROLES.includes(role)) {
    throw new ValidationError('Staff accounts are ADMIN or ANALYST', 'role');
  }
}

const NAME_MAX = 120;

/** Trims and checks a display name. */
export function normalizeName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > NAME_MAX) {
    throw new ValidationError(`Name must have between 2 and ${NAME_MAX} characters`, 'name');
  }
  return name;
}

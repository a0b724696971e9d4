import { ForbiddenError, UnauthenticatedError } from '../errors/app-error.js';
import type { Identity } from './identity.js';
import type { Role } from './role.js';

/** The caller's identity, or UNAUTHENTICATED. */
export function requireIdentity(identity: Identity | null): Identity {
  if (!identity) throw new UnauthenticatedError();
  return identity;
}

/** The caller's identity when it has one of `roles`, or UNAUTHENTICATED / FORBIDDEN. */
export function requireRole(identity: Identity | null, ...roles: Role[]): Identity {
  const who = requireIdentity(identity);
  if (!roles.includes(who.role)) throw new ForbiddenError(`Requires role ${roles.join(' or ')}`);
  return who;
}

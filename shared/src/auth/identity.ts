import type { Role } from './role.js';

/** Who is calling, as proven by a verified access token. */
export interface Identity {
  userId: string;
  role: Role;
  /** When the token stops being valid (subscriptions close just before). */
  expiresAt: Date;
}

/** Who a user is to Peerseed; carried in the access token's `role` claim. */
export const Role = {
  INVESTOR: 'INVESTOR',
  PRODUCER: 'PRODUCER',
  ADMIN: 'ADMIN',
  ANALYST: 'ANALYST',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

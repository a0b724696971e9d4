/** A human-readable CPR code: `CPR-<COMMODITY>-<YYYY>-<6 hex of the id>` (unique with the id). */
export function cprCode(commodity: string, id: string, createdAt: Date): string {
  return `CPR-${commodity}-${createdAt.getUTCFullYear()}-${id.replace(/-/g, '').slice(0, 6).toUpperCase()}`;
}

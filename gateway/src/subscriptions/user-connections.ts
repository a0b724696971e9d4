/**
 * Open WebSockets per user on this replica. Only a per-replica count: replicas share
 * no memory, so with N replicas a user may hold up to N × the limit — still bounded, and
 * a shared counter (Redis) would add a dependency to every connect for little gain.
 */
export class UserConnections {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts a connection in; false (and nothing counted) when the user is at the limit. */
  tryAdd(userId: string): boolean {
    const count = this.open.get(userId) ?? 0;
    if (count >= this.max) return false;
    this.open.set(userId, count + 1);
    return true;
  }

  remove(userId: string): void {
    const count = (this.open.get(userId) ?? 1) - 1;
    if (count > 0) this.open.set(userId, count);
    else this.open.delete(userId);
  }
}

import type { Logger } from '@peerseed/shared';
import type { CacheEntry, ContactCache } from '../application/ports.js';
import type { Contact } from '../domain/contact.js';

// One warning per outage burst, not one per request: a dead Redis under load would
// otherwise flood the logs with the same line.
const WARN_EVERY_MS = 30_000;

/**
 * Makes a cache failure a miss: reads fall through to the database, writes are dropped,
 * and a warning is logged. A lost write can leave an older entry in Redis; entries
 * expire (CACHE_TTL_SECONDS), which bounds how long.
 */
export class FailSoftContactCache implements ContactCache {
  private lastWarning = 0;
  private failures = 0;

  constructor(
    private readonly inner: ContactCache,
    private readonly logger: Logger,
  ) {}

  async getMany(ids: readonly string[]): Promise<Map<string, CacheEntry>> {
    try {
      return await this.inner.getMany(ids);
    } catch (error) {
      this.warn(error, 'read');
      return new Map();
    }
  }

  async put(contact: Contact): Promise<void> {
    await this.inner.put(contact).catch((error: unknown) => this.warn(error, 'write'));
  }

  async putDeleted(id: string, version: number): Promise<void> {
    await this.inner.putDeleted(id, version).catch((error: unknown) => this.warn(error, 'write'));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private warn(error: unknown, operation: 'read' | 'write'): void {
    this.failures += 1;
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      { operation, failures: this.failures, reason },
      'contacts cache unavailable; serving from the database',
    );
  }
}

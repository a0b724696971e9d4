import { ThrottledWarning, type Logger } from '@peerseed/shared';
import type { CacheEntry, ContactCache } from '../application/ports.js';
import type { Contact } from '../domain/contact.js';

/**
 * Makes a cache failure a miss: reads fall through to the database, writes are dropped,
 * and a warning is logged. A lost write can leave an older entry in Redis; entries
 * expire (CACHE_TTL_SECONDS), which bounds how long.
 */
export class FailSoftContactCache implements ContactCache {
  private readonly warning: ThrottledWarning;

  constructor(
    private readonly inner: ContactCache,
    logger: Logger,
  ) {
    this.warning = new ThrottledWarning(logger, 'contacts cache unavailable; serving from the database');
  }

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
    this.warning.failed(error, { operation });
  }
}

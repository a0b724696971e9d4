import type { EmailAddressResolver } from '../application/ports.js';

/**
 * A stub: knows no addresses, so with SMTP every email ends SKIPPED_NO_ADDRESS. Addresses
 * live in accounts and must not travel in events (LGPD); a real resolver needs an internal
 * lookup from accounts (or a consented projection), which is a shared contract not built yet.
 */
export class UnknownEmailAddressResolver implements EmailAddressResolver {
  async addressOf(_userId: string): Promise<string | null> {
    return null;
  }
}

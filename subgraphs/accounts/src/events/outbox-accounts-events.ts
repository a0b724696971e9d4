import { AccountsEvents as Contracts, type Em, type OutboxWriter } from '@peerseed/shared';
import type { AccountsEvents } from '../application/ports.js';
import type { User } from '../domain/user.js';

/** Accounts' domain events into the transaction's outbox, as their shared contracts say. */
export class OutboxAccountsEvents implements AccountsEvents {
  constructor(
    private readonly em: Em,
    private readonly outbox: OutboxWriter,
  ) {}

  async userRegistered(user: User): Promise<void> {
    await this.outbox.append(this.em, Contracts.UserRegistered, user.id, {
      userId: user.id,
      role: user.role,
      personType: user.personType,
      registeredAt: user.createdAt.toISOString(),
    });
  }
}

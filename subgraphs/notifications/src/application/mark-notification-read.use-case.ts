import { NotFoundError } from '@peerseed/shared/domain';
import type { Notification } from '../domain/notification.js';
import type { Clock, UnitOfWork } from './ports.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Marks one of the caller's notifications read; the first time it was read is kept. */
export class MarkNotificationRead {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(recipientId: string, id: string): Promise<Notification> {
    // Someone else's notification is NOT_FOUND, like a missing one: ids reveal nothing.
    const marked = UUID.test(id)
      ? await this.uow.run((tx) => tx.notifications.markRead(id.toLowerCase(), recipientId, this.clock.now()))
      : null;
    if (!marked) throw new NotFoundError('Notification not found');
    return marked;
  }
}

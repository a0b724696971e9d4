import type { Notification } from '../domain/notification.js';
import type { UnitOfWork } from './ports.js';

/** The caller's notifications among `ids` (federation references); others' are simply not found. */
export class FindMyNotifications {
  constructor(private readonly uow: UnitOfWork) {}

  byIds(recipientId: string | null, ids: readonly string[]): Promise<Notification[]> {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).map((id) => id.toLowerCase());
    if (!recipientId || valid.length === 0) return Promise.resolve([]);
    return this.uow.read((tx) => tx.notifications.findForRecipient(recipientId, valid));
  }
}

import { defineHandler, type Em, type EventContract, type EventData, type EventHandler } from '@peerseed/shared';
import { RecordNotifications, type RecordNotificationsDeps } from '../application/record-notifications.use-case.js';
import type { NotificationDraft } from '../domain/notification.js';
import { HandlerUnitOfWork } from '../persistence/mikro-orm-unit-of-work.js';

/** What every notifying handler shares (the app wires it). */
export type HandlerDeps = Omit<RecordNotificationsDeps, 'uow'>;

/**
 * A consumer that tells people about an event: `drafts` says who hears what (the
 * domain's rules); the notifications, their emails and events, and the inbox record commit together.
 */
export function notifyOn<C extends EventContract>(
  deps: HandlerDeps,
  name: string,
  contract: C,
  drafts: (data: EventData<C>) => NotificationDraft[],
): EventHandler<C> {
  return defineHandler({
    name,
    contract,
    async handle(event, { em, logger, outbox }) {
      const uow = new HandlerUnitOfWork(em as Em, outbox);
      const stored = await new RecordNotifications({ ...deps, uow }).execute(event.id, drafts(event.data));
      logger.debug({ eventId: event.id, notifications: stored.length }, 'stored notifications');
    },
  });
}

import { InProcessTransport, type Em, type EventBackbone, type Logger, type Orm } from '@peerseed/shared';
import { RequeuePendingContacts } from '../application/requeue-pending-contacts.use-case.js';
import { MikroOrmUnitOfWork } from '../persistence/mikro-orm-unit-of-work.js';

/** At a worker's start over the in-process transport: commands of the previous run are gone, issue them again. */
export async function requeueLostCommands(orm: Orm, events: EventBackbone, logger: Logger): Promise<void> {
  if (!(events.transport instanceof InProcessTransport)) return;
  const uow = new MikroOrmUnitOfWork(orm.em.fork() as Em, {
    outbox: events.outbox,
    afterCommit: () => events.relay.wake(),
  });
  const requeued = await new RequeuePendingContacts(uow).execute();
  if (requeued > 0) logger.info({ requeued }, 'issued again the create commands of PENDING contacts');
}

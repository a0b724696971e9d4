import type { UnitOfWork } from './ports.js';

/**
 * Issues the create command again for every PENDING contact. For the in-process
 * transport only, which loses its messages with its process: a command published but
 * not yet handled when `npm start` stopped would otherwise leave its contact PENDING
 * forever (JetStream keeps commands, so it needs none of this). A duplicate command is
 * harmless: the worker persists from the PENDING record, once.
 */
export class RequeuePendingContacts {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(): Promise<number> {
    return this.uow.run(async (tx) => {
      const pending = await tx.contacts.allPending();
      for (const contact of pending) await tx.events.createRequested(contact);
      return pending.length;
    });
  }
}

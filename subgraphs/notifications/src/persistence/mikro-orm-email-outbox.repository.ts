import type { Em } from '@peerseed/shared';
import type { EmailOutbox, OutgoingEmail } from '../application/ports.js';
import { EmailEntity } from './entities.js';

/** Enqueues emails in the caller's transaction, next to the notifications they belong to. */
export class MikroOrmEmailOutbox implements EmailOutbox {
  constructor(private readonly em: Em) {}

  async enqueue(emails: OutgoingEmail[]): Promise<void> {
    if (emails.length > 0) await this.em.insertMany(EmailEntity, emails);
  }
}

import type { Logger } from '@peerseed/shared';
import type { Mail, MailOutcome, MailSender } from '../application/ports.js';

/**
 * The default sender (no SMTP_URL): writes each email to the log instead of sending it,
 * addressed by user id (it needs no address). Only the subject is logged: the text names
 * amounts, which do not belong in logs (LGPD). SENT then means "written to the log".
 */
export class LogMailSender implements MailSender {
  constructor(private readonly logger: Logger) {}

  async send(mail: Mail): Promise<MailOutcome> {
    this.logger.info({ userId: mail.userId, subject: mail.subject }, 'email (log sender: not sent)');
    return 'SENT';
  }
}

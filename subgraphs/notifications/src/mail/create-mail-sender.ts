import type { Logger } from '@peerseed/shared';
import type { MailSender } from '../application/ports.js';
import type { NotificationsConfig } from '../config.js';
import { LogMailSender } from './log-mail-sender.js';
import { nodemailerTransport } from './nodemailer-transport.js';
import { SmtpMailSender } from './smtp-mail-sender.js';
import { UnknownEmailAddressResolver } from './unknown-email-address.resolver.js';

export interface ConfiguredMailSender {
  sender: MailSender;
  close(): void;
}

/** SMTP when SMTP_URL is set, the log otherwise. */
export async function createMailSender(config: NotificationsConfig, logger: Logger): Promise<ConfiguredMailSender> {
  if (!config.SMTP_URL) {
    logger.info('no SMTP_URL: emails are written to the log');
    return { sender: new LogMailSender(logger), close: () => {} };
  }
  const smtp = new SmtpMailSender(
    await nodemailerTransport(config.SMTP_URL),
    config.MAIL_FROM,
    new UnknownEmailAddressResolver(),
  );
  logger.warn('SMTP configured, but no email address resolver yet: emails end SKIPPED_NO_ADDRESS');
  return { sender: smtp, close: () => smtp.close() };
}

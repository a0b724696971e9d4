import type { EmailAddressResolver, Mail, MailOutcome, MailSender } from '../application/ports.js';

/** The part of a nodemailer transport this sender uses (tests give a fake one). */
export interface SmtpTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  close(): void;
}

/**
 * Sends through an SMTP server. The events carry no email addresses (LGPD), so each one
 * is looked up when sending; a user without one is NO_ADDRESS (the email is skipped, not
 * retried). A transport error is thrown, so the dispatcher retries with backoff.
 */
export class SmtpMailSender implements MailSender {
  constructor(
    private readonly transport: SmtpTransport,
    private readonly from: string,
    private readonly addresses: EmailAddressResolver,
  ) {}

  async send(mail: Mail): Promise<MailOutcome> {
    const to = await this.addresses.addressOf(mail.userId);
    if (!to) return 'NO_ADDRESS';
    await this.transport.sendMail({ from: this.from, to, subject: mail.subject, text: mail.text });
    return 'SENT';
  }

  close(): void {
    this.transport.close();
  }
}

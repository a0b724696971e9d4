import type { Mail, MailOutcome, MailSender } from '../../src/application/ports.js';

/** Records every email it is handed; `failNext(n)` makes the next n sends throw (an SMTP outage). */
export class RecordingMailSender implements MailSender {
  readonly sent: Mail[] = [];
  /** Every attempt, failed ones included. */
  attempts = 0;
  private failures = 0;

  failNext(times: number): void {
    this.failures = times;
  }

  async send(mail: Mail): Promise<MailOutcome> {
    this.attempts += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('SMTP server unavailable (test)');
    }
    this.sent.push(mail);
    return 'SENT';
  }

  to(userId: string): Mail[] {
    return this.sent.filter((mail) => mail.userId === userId);
  }
}

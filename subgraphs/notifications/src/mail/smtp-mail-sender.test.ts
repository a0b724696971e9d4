import { describe, expect, it } from '@jest/globals';
import { testLogger } from '@peerseed/shared/testing';
import { loadNotificationsConfig } from '../config.js';
import { createMailSender } from './create-mail-sender.js';
import { LogMailSender } from './log-mail-sender.js';
import { SmtpMailSender, type SmtpTransport } from './smtp-mail-sender.js';
import { UnknownEmailAddressResolver } from './unknown-email-address.resolver.js';

class FakeTransport implements SmtpTransport {
  readonly messages: unknown[] = [];
  failure: Error | null = null;
  closed = false;
  async sendMail(message: unknown) {
    if (this.failure) throw this.failure;
    this.messages.push(message);
    return {};
  }
  close() {
    this.closed = true;
  }
}

const mail = { userId: 'user-1', subject: 'Peerseed: Pagamento recebido', text: 'Você recebeu R$ 1,00.' };
const FROM = 'Peerseed <nao-responda@peerseed.com.br>';

describe('SmtpMailSender', () => {
  it('resolves the user’s address and sends from MAIL_FROM', async () => {
    const transport = new FakeTransport();
    const sender = new SmtpMailSender(transport, FROM, { addressOf: async (id) => `${id}@example.com` });
    expect(await sender.send(mail)).toBe('SENT');
    expect(transport.messages).toEqual([
      { from: FROM, to: 'user-1@example.com', subject: mail.subject, text: mail.text },
    ]);
  });

  it('is NO_ADDRESS, sending nothing, when the user has no known address (the stub resolver)', async () => {
    const transport = new FakeTransport();
    const sender = new SmtpMailSender(transport, FROM, new UnknownEmailAddressResolver());
    expect(await sender.send(mail)).toBe('NO_ADDRESS');
    expect(transport.messages).toEqual([]);
  });

  it('throws when the server fails, so the dispatcher retries', async () => {
    const transport = new FakeTransport();
    transport.failure = new Error('ECONNREFUSED');
    const sender = new SmtpMailSender(transport, FROM, { addressOf: async () => 'a@example.com' });
    await expect(sender.send(mail)).rejects.toThrow('ECONNREFUSED');
  });
});

describe('the configured sender', () => {
  it('is the log without SMTP_URL, and "sends" everything', async () => {
    const configured = await createMailSender(loadNotificationsConfig({}), testLogger());
    expect(configured.sender).toBeInstanceOf(LogMailSender);
    expect(await configured.sender.send(mail)).toBe('SENT');
  });

  it('is SMTP with SMTP_URL (nodemailer, loaded only then), or says that nodemailer is missing', async () => {
    const config = loadNotificationsConfig({ SMTP_URL: 'smtp://mail.example.com:587' });
    const outcome = await createMailSender(config, testLogger()).catch((error: Error) => error);
    if (outcome instanceof Error) {
      expect(outcome.message).toMatch(/nodemailer package is not installed/);
    } else {
      expect(outcome.sender).toBeInstanceOf(SmtpMailSender);
      outcome.close();
    }
  });
});

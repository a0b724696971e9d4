import type { SmtpTransport } from './smtp-mail-sender.js';

// nodemailer is loaded only when SMTP_URL is set, by a name the compiler does not resolve:
// it is not installed in the workspace yet (see README, "Unfinished"). Once it is, this
// becomes a static `import nodemailer from 'nodemailer'`.
const NODEMAILER = 'nodemailer';

/** A pooled nodemailer SMTP transport for `url` (smtp:// or smtps://, credentials in the URL). */
export async function nodemailerTransport(url: string): Promise<SmtpTransport> {
  let nodemailer: { createTransport(options: unknown): SmtpTransport };
  try {
    const loaded = (await import(NODEMAILER)) as { default?: typeof nodemailer } & typeof nodemailer;
    nodemailer = loaded.default ?? loaded;
  } catch {
    throw new Error('SMTP_URL is set but the nodemailer package is not installed in @peerseed/notifications');
  }
  const pooled = new URL(url);
  if (!pooled.searchParams.has('pool')) pooled.searchParams.set('pool', 'true');
  return nodemailer.createTransport(pooled.toString());
}

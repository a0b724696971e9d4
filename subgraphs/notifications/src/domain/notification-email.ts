import type { Notification } from './notification.js';

/** An email's content; whom it goes to is resolved from the recipient's id when it is sent. */
export interface EmailContent {
  subject: string;
  text: string;
}

/** The email that goes with a notification: the same words, plain text, and where to see more. */
export function emailFor(notification: Pick<Notification, 'title' | 'body'>): EmailContent {
  return {
    subject: `Peerseed: ${notification.title}`,
    text: [
      notification.body,
      '',
      'Veja os detalhes nas notificações da sua conta Peerseed.',
      'Este é um aviso automático; não responda a este e-mail.',
    ].join('\n'),
  };
}

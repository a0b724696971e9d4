import type {
  ClaimedEmail,
  EmailQueue,
  NotificationPosition,
  NotificationsTransaction,
  OutgoingEmail,
  UnitOfWork,
} from '../../src/application/ports.js';
import type { Notification } from '../../src/domain/notification.js';

const newestFirst = (a: Notification, b: Notification) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const isAfter = (n: Notification, p: NotificationPosition) =>
  n.createdAt.getTime() < p.createdAt.getTime() || (n.createdAt.getTime() === p.createdAt.getTime() && n.id < p.id);

/** The ports over arrays; `run` commits by keeping the copy, and runs afterCommit callbacks then. */
export class InMemoryNotifications implements UnitOfWork {
  notifications: Notification[] = [];
  emails: OutgoingEmail[] = [];
  /** The ids of the notifications whose `notification.added` event was recorded, in order. */
  added: string[] = [];
  /** Makes the next `run` fail after its work (a rollback). */
  failNextCommit = false;

  async run<T>(work: (tx: NotificationsTransaction) => Promise<T>): Promise<T> {
    const draft = { notifications: [...this.notifications], emails: [...this.emails], added: [...this.added] };
    const callbacks: (() => void)[] = [];
    const result = await work(this.transaction(draft, callbacks));
    if (this.failNextCommit) {
      this.failNextCommit = false;
      throw new Error('commit failed (test)');
    }
    Object.assign(this, draft);
    for (const callback of callbacks) callback();
    return result;
  }

  read<T>(work: (tx: NotificationsTransaction) => Promise<T>): Promise<T> {
    return work(this.transaction(this, []));
  }

  private transaction(
    state: { notifications: Notification[]; emails: OutgoingEmail[]; added: string[] },
    callbacks: (() => void)[],
  ): NotificationsTransaction {
    return {
      notifications: {
        addAll: async (notifications) => {
          const fresh = notifications.filter(
            (n) => !state.notifications.some((s) => s.eventId === n.eventId && s.recipientId === n.recipientId),
          );
          state.notifications.push(...fresh.map((n) => ({ ...n })));
          return fresh;
        },
        page: async (recipientId, limit, after, { unreadOnly }) =>
          state.notifications
            .filter((n) => n.recipientId === recipientId && (!unreadOnly || n.readAt === null))
            .filter((n) => !after || isAfter(n, after))
            .sort(newestFirst)
            .slice(0, limit),
        findForRecipient: async (recipientId, ids) =>
          state.notifications.filter((n) => n.recipientId === recipientId && ids.includes(n.id)),
        markRead: async (id, recipientId, at) => {
          const found = state.notifications.find((n) => n.id === id && n.recipientId === recipientId);
          if (found) found.readAt ??= at;
          return found ? { ...found } : null;
        },
      },
      emails: { enqueue: async (emails) => void state.emails.push(...emails) },
      events: { added: async (notifications) => void state.added.push(...notifications.map((n) => n.id)) },
      afterCommit: (callback) => void callbacks.push(callback),
    };
  }
}

/** An email queue over an array, recording what each email went through. */
export class InMemoryEmailQueue implements EmailQueue {
  constructor(readonly emails: OutgoingEmail[]) {}

  async claimDue(limit: number, now: Date, leaseUntil: Date): Promise<ClaimedEmail[]> {
    const due = this.emails
      .filter((e) => e.status === 'PENDING' && e.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
      .slice(0, limit);
    for (const e of due) Object.assign(e, { attempts: e.attempts + 1, nextAttemptAt: leaseUntil });
    return due.map((e) => ({
      id: e.id,
      recipientId: e.recipientId,
      subject: e.subject,
      text: e.text,
      attempts: e.attempts,
    }));
  }

  async nextDueAt(): Promise<Date | null> {
    const due = this.emails.filter((e) => e.status === 'PENDING').map((e) => e.nextAttemptAt.getTime());
    return due.length === 0 ? null : new Date(Math.min(...due));
  }

  async markSent(id: string, at: Date) {
    Object.assign(this.byId(id), { status: 'SENT', sentAt: at, lastError: null });
  }

  async markSkippedNoAddress(id: string) {
    Object.assign(this.byId(id), { status: 'SKIPPED_NO_ADDRESS' });
  }

  async retryAt(id: string, at: Date, error: string) {
    Object.assign(this.byId(id), { nextAttemptAt: at, lastError: error });
  }

  async markFailed(id: string, error: string) {
    Object.assign(this.byId(id), { status: 'FAILED', lastError: error });
  }

  private byId(id: string): OutgoingEmail {
    const email = this.emails.find((e) => e.id === id);
    if (!email) throw new Error(`no email ${id}`);
    return email;
  }
}

/** A clock moved by hand. */
export class ManualClock {
  constructor(private current = new Date('2026-12-01T12:00:00.000Z')) {}
  now = () => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Deterministic uuids: uuid(1) = 00000000-0000-4000-8000-000000000001. */
export const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export function sequentialIds() {
  let n = 1000;
  return { newId: () => uuid((n += 1)) };
}

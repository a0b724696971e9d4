import type { Notification } from '../domain/notification.js';

/** Where a page of notifications starts: the last one the client saw. */
export interface NotificationPosition {
  createdAt: Date;
  id: string;
}

export interface NotificationRepository {
  /**
   * Stores the notifications, skipping any whose (event, recipient) is already stored
   * (the inbox drops redelivered events; this is the last line of defence). Returns the
   * ones stored now.
   */
  addAll(notifications: Notification[]): Promise<Notification[]>;
  /** The recipient's notifications, newest first (createdAt, then id), strictly after `after`. */
  page(
    recipientId: string,
    limit: number,
    after: NotificationPosition | null,
    options: { unreadOnly: boolean },
  ): Promise<Notification[]>;
  /** Of `ids`, the ones addressed to `recipientId`. */
  findForRecipient(recipientId: string, ids: readonly string[]): Promise<Notification[]>;
  /**
   * Sets `readAt` to `at` unless it is set already (the first time wins, also under
   * concurrent calls). Null when there is no such notification for `recipientId`.
   */
  markRead(id: string, recipientId: string, at: Date): Promise<Notification | null>;
}

export type EmailStatus = 'PENDING' | 'SENT' | 'SKIPPED_NO_ADDRESS' | 'FAILED';

/** A row of the email outbox: one email per notification. */
export interface OutgoingEmail {
  id: string;
  notificationId: string;
  /** A user id; the address is resolved only when sending (LGPD: we do not keep it). */
  recipientId: string;
  subject: string;
  text: string;
  status: EmailStatus;
  /** Delivery attempts so far (counted when an attempt starts). */
  attempts: number;
  /** Not before: the next attempt, or the end of the lease of the attempt in progress. */
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** The write side of the email outbox: emails commit with their notifications, or not at all. */
export interface EmailOutbox {
  enqueue(emails: OutgoingEmail[]): Promise<void>;
}

/** The events this service publishes, recorded in the same transaction as the notifications (outbox). */
export interface NotificationEvents {
  /** `notifications.notification.added`, one per notification: what `notificationAdded` subscribers hear. */
  added(notifications: Notification[]): Promise<void>;
}

/** The repositories of one database transaction. */
export interface NotificationsTransaction {
  notifications: NotificationRepository;
  emails: EmailOutbox;
  events: NotificationEvents;
  /** Runs `callback` once this transaction has committed; never after a rollback. */
  afterCommit(callback: () => void): void;
}

/** Runs work in one database transaction: all of it commits, or none. */
export interface UnitOfWork {
  run<T>(work: (tx: NotificationsTransaction) => Promise<T>): Promise<T>;
  /** Reads outside an explicit transaction. */
  read<T>(work: (tx: NotificationsTransaction) => Promise<T>): Promise<T>;
}

/** An email a dispatcher has claimed: leased to it until it reports the outcome. */
export interface ClaimedEmail {
  id: string;
  recipientId: string;
  subject: string;
  text: string;
  /** Including the attempt that is starting now. */
  attempts: number;
}

/** The dispatcher's side of the email outbox; safe with any number of dispatchers (replicas). */
export interface EmailQueue {
  /**
   * Claims up to `limit` PENDING emails due at `now` (rows locked with FOR UPDATE SKIP
   * LOCKED, so two dispatchers never claim the same one), counts the attempt and leases
   * them until `leaseUntil`: if this dispatcher dies, they are due again then.
   */
  claimDue(limit: number, now: Date, leaseUntil: Date): Promise<ClaimedEmail[]>;
  /** When the next PENDING email is due (a retry, a lease that ends), or null when none is pending. */
  nextDueAt(): Promise<Date | null>;
  markSent(id: string, at: Date): Promise<void>;
  /** The recipient has no known address: nothing to retry. */
  markSkippedNoAddress(id: string): Promise<void>;
  /** The attempt failed: try again at `at`. */
  retryAt(id: string, at: Date, error: string): Promise<void>;
  /** The last attempt failed: give up (operators see FAILED rows and `lastError`). */
  markFailed(id: string, error: string): Promise<void>;
}

/** What a MailSender is given: the recipient as a user id, never an address. */
export interface Mail {
  userId: string;
  subject: string;
  text: string;
}

/** SENT: handed over for delivery. NO_ADDRESS: the user has no known address; do not retry. */
export type MailOutcome = 'SENT' | 'NO_ADDRESS';

/**
 * Hands an email to the outside world (a log, an SMTP server). Throws when the attempt
 * failed in a way worth retrying (server down, timeout); the dispatcher retries with backoff.
 */
export interface MailSender {
  send(mail: Mail): Promise<MailOutcome>;
}

/** Finds a user's email address, which the events do not carry (LGPD). */
export interface EmailAddressResolver {
  /** The address to write to, or null when there is none (or none we may use). */
  addressOf(userId: string): Promise<string | null>;
}

/** Told about notifications after the transaction that stored them committed. */
export type NotificationListener = (notification: Notification) => void;

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}

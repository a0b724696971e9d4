import type { StreamName } from './contract.js';

/** Domain prefix of each stream's subjects. */
const DOMAINS: Record<StreamName, string> = {
  ACCOUNTS: 'accounts',
  MARKETPLACE: 'marketplace',
  WALLET: 'wallet',
  DISTRIBUTION: 'distribution',
  CONTACTS: 'contacts',
  NOTIFICATIONS: 'notifications',
};

export const STREAM_NAMES = Object.keys(DOMAINS) as StreamName[];

/**
 * Retention: limits-based, 7 days (`max_age`), file storage. Consumers are durable, so
 * a week is how long a consumer may be down and still catch up, and how far back a
 * client may resume a subscription. Duplicate window: 2 minutes of `Nats-Msg-Id`s, far
 * longer than a relay's retry of an unacknowledged publish.
 */
export const STREAM_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
export const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

/**
 * Streams and subjects may carry a namespace (tests and benchmarks use their own, so
 * runs never see each other's events); production uses none.
 */
export interface EventNamespace {
  subject(subject: string): string;
  stream(stream: StreamName): string;
  /** The subject filter of a whole stream. */
  streamSubjects(stream: StreamName): string;
}

export function eventNamespace(prefix = ''): EventNamespace {
  const safe = prefix.replace(/[^A-Za-z0-9_]/g, '_');
  return {
    subject: (subject) => (safe ? `${safe.toLowerCase()}.${subject}` : subject),
    stream: (stream) => (safe ? `${safe.toUpperCase()}_${stream}` : stream),
    streamSubjects: (stream) => (safe ? `${safe.toLowerCase()}.${DOMAINS[stream]}.>` : `${DOMAINS[stream]}.>`),
  };
}

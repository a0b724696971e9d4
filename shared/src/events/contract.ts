import type { z } from 'zod';

/** The JetStream streams, one per producing domain. */
export type StreamName = 'ACCOUNTS' | 'MARKETPLACE' | 'WALLET' | 'DISTRIBUTION' | 'CONTACTS' | 'NOTIFICATIONS';

/**
 * One event's contract, shared by its producer and its consumers: where it travels
 * (`subject`, in its domain's stream), what it is called (`type`, versioned) and the
 * schema its `data` must satisfy. Consumers import contracts, never another subgraph.
 */
export interface EventContract<S extends z.ZodType = z.ZodType> {
  subject: string;
  type: string;
  stream: StreamName;
  schema: S;
}

export type EventData<C extends EventContract> = z.infer<C['schema']>;

export function defineEvent<S extends z.ZodType>(
  stream: StreamName,
  subject: string,
  version: number,
  schema: S,
): EventContract<S> {
  return { stream, subject, type: `peerseed.${subject}.v${version}`, schema };
}

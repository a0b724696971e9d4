import { randomUUID } from 'node:crypto';

/**
 * A CloudEvents 1.0 JSON envelope. `subject` is the aggregate id; `correlationid` (a
 * CloudEvents extension attribute) is the id of the request that caused the event, so
 * one request can be followed into every consumer's logs.
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  type: string;
  source: string;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  correlationid?: string;
  data: T;
}

export interface EnvelopeOptions {
  /** The producing service, e.g. `/peerseed/accounts`. */
  source: string;
  correlationId?: string | undefined;
  id?: string;
  time?: Date;
}

export function createEnvelope<T>(type: string, subject: string, data: T, options: EnvelopeOptions): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: options.id ?? randomUUID(),
    type,
    source: options.source,
    time: (options.time ?? new Date()).toISOString(),
    subject,
    datacontenttype: 'application/json',
    ...(options.correlationId ? { correlationid: options.correlationId } : {}),
    data,
  };
}

/** Thrown for bytes that are not a CloudEvents envelope: such a message can never be handled. */
export class MalformedEventError extends Error {}

export function parseEnvelope(bytes: Uint8Array): CloudEvent {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new MalformedEventError('event is not JSON');
  }
  const event = value as Partial<CloudEvent>;
  if (
    typeof value !== 'object' ||
    value === null ||
    event.specversion !== '1.0' ||
    typeof event.id !== 'string' ||
    typeof event.type !== 'string' ||
    typeof event.subject !== 'string' ||
    !('data' in event)
  ) {
    throw new MalformedEventError('event is not a CloudEvents 1.0 envelope');
  }
  return event as CloudEvent;
}

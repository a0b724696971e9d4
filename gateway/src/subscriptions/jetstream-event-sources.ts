import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { eventNamespace, type StreamName } from '@peerseed/shared';
import type { EventReader, EventSource, EventSources, StoredEvent } from './event-source.js';

export interface JetStreamEventSourcesOptions {
  url: string;
  /** Prefix of streams and subjects (tests); empty in production. */
  namespace?: string;
}

/**
 * The streams over JetStream, on one connection. Each reader (the shared tail of a stream,
 * or a subscriber behind it) gets an ordered consumer: ephemeral (nothing to clean up when a client vanishes), starting at the
 * sequence it asks for, and recreated by the client library on a gap, so it never skips
 * or repeats an event. It reads the whole stream — nats-server 2.9 filters on one
 * subject — and the subscription keeps the subjects it maps.
 */
export async function connectJetStreamEventSources(options: JetStreamEventSourcesOptions): Promise<EventSources> {
  const nc = await connect({ servers: options.url, name: 'gateway-subscriptions', maxReconnectAttempts: -1 });
  const js = jetstream(nc, { timeout: 5_000 });
  const jsm = await jetstreamManager(nc);
  const ns = eventNamespace(options.namespace);
  const prefix = ns.subject('');
  const readers = new Set<EventReader>();
  const source = (name: StreamName): EventSource => {
    const stream = ns.stream(name);
    return {
      bounds: async () => {
        const { state } = await jsm.streams.info(stream);
        // A stream that never stored anything reports 0/0.
        return { first: Math.max(state.first_seq, 1), last: state.last_seq };
      },
      read: async (fromSequence) => {
        const consumer = await js.consumers.get(stream, {
          deliver_policy: DeliverPolicy.StartSequence,
          opt_start_seq: fromSequence,
        });
        // Bounded: the library pulls at most this many ahead of what the subscriber has taken.
        const messages: ConsumerMessages = await consumer.consume({ max_messages: 64 });
        const reader: EventReader = {
          async *[Symbol.asyncIterator](): AsyncGenerator<StoredEvent> {
            for await (const msg of messages) {
              const subject = msg.subject.startsWith(prefix) ? msg.subject.slice(prefix.length) : msg.subject;
              yield { sequence: msg.info.streamSequence, subject, data: msg.data };
            }
          },
          close: async () => {
            readers.delete(reader);
            await messages.close().catch(() => undefined);
          },
        };
        readers.add(reader);
        return reader;
      },
    };
  };
  return {
    // Called once per stream: the gateway keeps one shared tail of each (index.ts).
    stream: source,
    close: async () => {
      await Promise.all([...readers].map((reader) => reader.close()));
      await nc.drain();
    },
  };
}

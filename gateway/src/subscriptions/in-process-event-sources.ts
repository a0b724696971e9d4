import type { InProcessTransport } from '@peerseed/shared';
import type { EventSources } from './event-source.js';

/**
 * The streams of the launcher's in-process transport (`npm start` without NATS), where
 * the subgraphs of the same process publish: the same bounds, reads from a sequence and
 * live tail as JetStream gives, minus retention (nothing expires until the process ends).
 */
export function inProcessEventSources(transport: InProcessTransport): EventSources {
  const readers = new Set<{ close(): Promise<void> }>();
  return {
    stream: (name) => ({
      bounds: async () => transport.bounds(name),
      read: async (fromSequence) => {
        const inner = transport.read(name, fromSequence);
        const reader = {
          [Symbol.asyncIterator]: () => inner[Symbol.asyncIterator](),
          close: async () => {
            readers.delete(reader);
            await inner.close();
          },
        };
        readers.add(reader);
        return reader;
      },
    }),
    close: async () => {
      await Promise.all([...readers].map((reader) => reader.close()));
    },
  };
}

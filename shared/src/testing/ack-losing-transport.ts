import { parseEnvelope } from '../events/envelope.js';
import type { ConsumerSpec, Delivery, EventTransport } from '../events/transport/event-transport.js';

/**
 * A transport whose consumers lose the ack of every first delivery, as if the process
 * died right after committing: the broker redelivers the same event (same id) after a
 * short ack wait, and the consuming service must recognise it (no second effect).
 */
export class AckLosingTransport implements EventTransport {
  /** Event ids whose redelivery was handled and acknowledged. */
  readonly redelivered = new Set<string>();

  constructor(private readonly inner: EventTransport) {}

  publish(...args: Parameters<EventTransport['publish']>) {
    return this.inner.publish(...args);
  }

  consume(spec: ConsumerSpec, handle: (delivery: Delivery) => Promise<void>) {
    return this.inner.consume({ ...spec, ackWaitMs: 1_000 }, (delivery) =>
      handle({
        ...delivery,
        ack: async () => {
          if (delivery.deliveryCount === 1) return; // lost
          await delivery.ack();
          this.redelivered.add(parseEnvelope(delivery.data).id);
        },
      }),
    );
  }

  close() {
    return this.inner.close();
  }
}

/**
 * Sends acknowledgements together: those given within `delayMs` of the first go out in one
 * socket write (the client writes what is queued in one microtask as one). An ack comes
 * after its effect committed, and nothing waits for it but the broker's redelivery timer
 * (seconds away), so a few milliseconds cost nothing; what they save, when events come one
 * at a time, is a write and a broker wake-up per event. An ack lost with the process is the
 * redelivery the inbox already makes harmless.
 */
export class DelayedAcks {
  private queued: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly delayMs: number) {}

  add(ack: () => void): void {
    if (this.delayMs <= 0) return ack();
    this.queued.push(ack);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Sends every queued ack now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const acks = this.queued;
    this.queued = [];
    for (const ack of acks) {
      try {
        ack();
      } catch {
        // (the connection is closing) an ack lost is a redelivery, which the inbox ignores
      }
    }
  }
}

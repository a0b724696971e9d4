import { createInbox, headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';

interface Waiting {
  resolve: (ack: { duplicate: boolean }) => void;
  reject: (error: Error) => void;
  deadline: number;
}

/** JetStream's answer to a publish: the stored position, or why it was refused. */
interface PubAck {
  stream?: string;
  seq?: number;
  duplicate?: boolean;
  error?: { code: number; err_code?: number; description: string };
}

/**
 * Publishes to JetStream and matches the server's acks on one inbox subscription. It is
 * the protocol `js.publish` speaks (`Nats-Msg-Id`, `Nats-Expected-Stream`, an ack on the
 * reply subject), without its per-publish costs: nats.js makes each publish a request
 * that arms a timer and, once answered, builds an `Error` with a stack trace — together a
 * large share of a publishing process's CPU. Here deadlines are swept once a second.
 */
export class JetStreamPublisher {
  private readonly waiting = new Map<string, Waiting>();
  private readonly prefix = `${createInbox()}.`;
  private readonly acks: Subscription;
  private readonly sweeper: NodeJS.Timeout;
  private next = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs: number,
  ) {
    this.acks = nc.subscribe(`${this.prefix}*`, { callback: (error, msg) => this.settle(error, msg) });
    this.sweeper = setInterval(() => this.expire(Date.now()), Math.min(1_000, timeoutMs)).unref();
  }

  /** Resolves once the stream stored the message (or recognised its id as a duplicate). */
  publish(subject: string, data: Uint8Array, msgId: string, stream: string): Promise<{ duplicate: boolean }> {
    const token = (this.next++).toString(36);
    const meta = headers();
    meta.set('Nats-Msg-Id', msgId);
    meta.set('Nats-Expected-Stream', stream);
    return new Promise((resolve, reject) => {
      this.waiting.set(token, { resolve, reject, deadline: Date.now() + this.timeoutMs });
      try {
        this.nc.publish(subject, data, { headers: meta, reply: this.prefix + token });
      } catch (error) {
        this.waiting.delete(token);
        reject(error as Error);
      }
    });
  }

  /** Fails every publish still waiting (the connection is closing). */
  close(): void {
    clearInterval(this.sweeper);
    this.acks.unsubscribe();
    this.failAll(new Error('JetStream publisher closed'));
  }

  private settle(error: Error | null, msg: Msg): void {
    if (error) return this.failAll(error);
    const token = msg.subject.slice(this.prefix.length);
    const waiting = this.waiting.get(token);
    if (!waiting) return; // (answered after its deadline)
    this.waiting.delete(token);
    // A status without a body: 503 when no stream listens on the subject.
    if (msg.data.length === 0) {
      return waiting.reject(new Error(`JetStream did not store the event (status ${msg.headers?.code ?? 'none'})`));
    }
    let ack: PubAck;
    try {
      ack = msg.json<PubAck>();
    } catch {
      return waiting.reject(new Error('JetStream answered a publish with something other than an ack'));
    }
    if (ack.error) return waiting.reject(new Error(`JetStream refused the event: ${ack.error.description}`));
    if (!ack.stream) return waiting.reject(new Error('JetStream answered a publish without a stream'));
    waiting.resolve({ duplicate: ack.duplicate === true });
  }

  private expire(now: number): void {
    for (const [token, waiting] of this.waiting) {
      if (waiting.deadline > now) continue;
      this.waiting.delete(token);
      waiting.reject(new Error(`JetStream did not acknowledge the publish within ${this.timeoutMs} ms`));
    }
  }

  private failAll(error: Error): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiting of all) waiting.reject(error);
  }
}

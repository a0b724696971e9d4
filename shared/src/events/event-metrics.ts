import { Counter, Gauge, Registry } from 'prom-client';

/**
 * Event-backbone metrics of one service (Prometheus): published events, handled
 * events by outcome, redeliveries and dead letters as counters; outbox backlog and
 * consumer lag as gauges read when scraped.
 */
export class EventMetrics {
  readonly registry: Registry;
  private readonly publishedTotal: Counter<'stream'>;
  private readonly handledTotal: Counter<'consumer' | 'outcome'>;
  private readonly redeliveriesTotal: Counter<'consumer'>;
  private readonly deadLettersTotal: Counter<'consumer'>;

  constructor(service: string, registry = new Registry()) {
    this.registry = registry;
    registry.setDefaultLabels({ service });
    this.publishedTotal = new Counter({
      name: 'peerseed_events_published_total',
      help: 'Events the outbox relay published (acknowledged by the broker)',
      labelNames: ['stream'],
      registers: [registry],
    });
    this.handledTotal = new Counter({
      name: 'peerseed_events_handled_total',
      help: 'Deliveries handled by consumers, by outcome (applied, duplicate, retried, dead_lettered)',
      labelNames: ['consumer', 'outcome'],
      registers: [registry],
    });
    this.redeliveriesTotal = new Counter({
      name: 'peerseed_event_redeliveries_total',
      help: 'Deliveries that were not the first delivery of their event',
      labelNames: ['consumer'],
      registers: [registry],
    });
    this.deadLettersTotal = new Counter({
      name: 'peerseed_dead_letters_total',
      help: 'Events moved to the dead-letter store',
      labelNames: ['consumer'],
      registers: [registry],
    });
  }

  published(stream: string): void {
    this.publishedTotal.inc({ stream });
  }

  handled(
    consumer: string,
    outcome: 'applied' | 'duplicate' | 'retried' | 'dead_lettered',
    deliveryCount: number,
  ): void {
    this.handledTotal.inc({ consumer, outcome });
    if (deliveryCount > 1) this.redeliveriesTotal.inc({ consumer });
    if (outcome === 'dead_lettered') this.deadLettersTotal.inc({ consumer });
  }

  /** Outbox backlog, read from the database at scrape time. */
  outboxBacklog(read: () => Promise<number>): void {
    new Gauge({
      name: 'peerseed_outbox_backlog',
      help: 'Committed events not yet marked published (a publish is marked up to 250 ms after its ack)',
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  /** Consumer lag, read from the broker at scrape time. */
  consumerLag(read: () => Promise<Record<string, number>>): void {
    new Gauge({
      name: 'peerseed_consumer_lag',
      help: 'Events stored but not yet acknowledged by a consumer',
      labelNames: ['consumer'],
      registers: [this.registry],
      async collect() {
        for (const [consumer, lag] of Object.entries(await read())) this.set({ consumer }, lag);
      },
    });
  }
}

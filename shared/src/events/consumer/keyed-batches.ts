interface Queued<T> {
  key: string;
  item: T;
  done: () => void;
}

/**
 * Groups queued items into batches for at most `workers` runs at a time. Items of one key
 * (an aggregate) stay in the order they were pushed and are never in two runs at once, so a
 * run handling its batch in order keeps each key's order. Nothing waits to fill a batch: an
 * idle worker takes whatever is queued, so batches grow only when items arrive faster than
 * runs finish.
 */
export class KeyedBatches<T> {
  private queue: Queued<T>[] = [];
  private readonly busyKeys = new Set<string>();
  private active = 0;

  constructor(
    private readonly run: (items: T[]) => Promise<void>,
    private readonly options: { workers: number; maxBatch: number },
  ) {}

  /** Resolves once the run that took `item` finished (`run` must handle its own failures). */
  push(key: string, item: T): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ key, item, done: resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.active < this.options.workers) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.active += 1;
      const finished = () => {
        this.active -= 1;
        for (const queued of batch) {
          this.busyKeys.delete(queued.key);
          queued.done();
        }
        this.pump();
      };
      this.run(batch.map((queued) => queued.item)).then(finished, finished);
    }
  }

  /** The next batch: queued items whose key no running batch holds, in queue order (one pass over the queue). */
  private take(): Queued<T>[] {
    const batch: Queued<T>[] = [];
    const taken = new Set<string>();
    const rest: Queued<T>[] = [];
    for (const queued of this.queue) {
      const free = !this.busyKeys.has(queued.key) || taken.has(queued.key);
      if (!free || batch.length >= this.options.maxBatch) {
        rest.push(queued);
        continue;
      }
      batch.push(queued);
      taken.add(queued.key);
      this.busyKeys.add(queued.key);
    }
    if (batch.length > 0) this.queue = rest;
    return batch;
  }
}

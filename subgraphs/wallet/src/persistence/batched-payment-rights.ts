import type { PaymentAsk, PaymentRightsQuery, PaymentWithRights } from '../application/ports.js';

interface Waiting {
  asks: readonly PaymentAsk[];
  resolve: (found: PaymentWithRights[]) => void;
  reject: (error: unknown) => void;
}

const key = (paymentId: string, viewerId: string) => `${viewerId}/${paymentId}`;

/**
 * Gathers the payment lookups of concurrent requests into one statement. A payment event
 * reaches every subscriber at once, and the gateway asks `payment(id)` as each viewer — 200
 * requests within a few milliseconds; one statement each cost the wallet ~20% of its time in
 * socket writes to PostgreSQL alone. Lookups made before the event loop's next check phase
 * (setImmediate) go together, at most `maxAsks`; each caller gets the rows of its own asks
 * only (rows are keyed by viewer), so nothing of one viewer reaches another. Nothing is
 * cached: every batch reads the database.
 */
export function batchedPaymentRights(query: () => PaymentRightsQuery, maxAsks = 500): PaymentRightsQuery {
  let waiting: Waiting[] = [];
  let asked = 0;

  const flush = async () => {
    const batch = waiting;
    waiting = [];
    asked = 0;
    if (batch.length === 0) return;
    try {
      const rows = await query().findWithRights(batch.flatMap((w) => w.asks));
      const byAsk = new Map(rows.map((row) => [key(row.payment.id, row.viewerId), row]));
      for (const w of batch) {
        w.resolve(w.asks.flatMap((ask) => byAsk.get(key(ask.paymentId, ask.viewerId)) ?? []));
      }
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  };

  return {
    findWithRights: (asks) =>
      new Promise((resolve, reject) => {
        if (waiting.length === 0) setImmediate(() => void flush());
        waiting.push({ asks, resolve, reject });
        asked += asks.length;
        if (asked >= maxAsks) void flush();
      }),
  };
}

import express, { type Express } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { runWithCorrelation } from '../logging/correlation.js';
import { REQUEST_ID_HEADER, requestIdFrom } from '../logging/request-id.js';

/** A named readiness check; it throws when its dependency is not usable. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

/**
 * Settles a request's id once (the caller's when well-formed, else a new one), so logs,
 * subgraph calls and the response all carry the same one.
 */
export function settleRequestId(req: IncomingMessage, res: ServerResponse): string {
  const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * The express app every server starts from: `/healthz` (the process is alive) and
 * `/readyz` (every dependency answers), no framework fingerprint headers.
 */
export function createHttpApp(logger: Logger, checks: ReadinessCheck[], metrics?: Registry): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => runWithCorrelation(settleRequestId(req, res), () => next()));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  if (metrics) {
    // Prometheus scrape endpoint (internal: not routed from the internet).
    app.get('/metrics', async (_req, res) => {
      res.set('content-type', metrics.contentType).send(await metrics.metrics());
    });
  }
  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          logger.warn({ err: error, dependency: name }, 'readiness check failed');
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const ready = results.every(([, status]) => status === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });
  return app;
}

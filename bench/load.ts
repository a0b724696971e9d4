import { fork } from 'node:child_process';

export interface LoadOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  concurrency: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time the load generator itself used (user + system). */
  cpuMs: number;
  /** Every successful request's latency, sorted. */
  latenciesMs: number[];
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** Several loads on the same target as one: summed counts and time, percentiles over all requests. */
export function combine(results: LoadResult[]): LoadResult {
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const latenciesMs = results.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  return {
    requests: sum((r) => r.requests),
    errors: sum((r) => r.errors),
    seconds: sum((r) => r.seconds),
    rps: sum((r) => r.requests) / sum((r) => r.seconds),
    p50Ms: percentile(latenciesMs, 0.5),
    p99Ms: percentile(latenciesMs, 0.99),
    cpuMs: sum((r) => r.cpuMs),
    latenciesMs,
  };
}

/** Called when the load starts and when it stops, e.g. to read the servers' CPU counters. */
export interface LoadWindow {
  started?: () => void | Promise<void>;
  stopped?: () => void | Promise<void>;
}

type GeneratorMessage = { started: true } | { result: LoadResult } | { error: string };

/** A load generator process that runs one load after another. */
export interface LoadGenerator {
  run: (options: LoadOptions, window?: LoadWindow) => Promise<LoadResult>;
  close: () => void;
}

/**
 * Closed-loop load: `concurrency` clients each send `body` to `url` back to back over
 * keep-alive connections for `seconds`, checking every response is a 200 without errors.
 * The clients run in a separate process (bench/load-generator.ts) forked with this one's
 * loader flags.
 */
export function startLoadGenerator(): LoadGenerator {
  const generator = fork(new URL('./load-generator.ts', import.meta.url), { stdio: 'inherit' });
  let current: { window: LoadWindow; resolve: (r: LoadResult) => void; reject: (e: Error) => void } | undefined;
  generator.on('message', (message: GeneratorMessage) => {
    const run = current;
    if (!run) return;
    if ('started' in message) return void run.window.started?.();
    current = undefined;
    void Promise.resolve(run.window.stopped?.()).then(() =>
      'result' in message ? run.resolve(message.result) : run.reject(new Error(message.error)),
    );
  });
  generator.once('exit', (code) => current?.reject(new Error(`load generator exited with ${code}`)));
  return {
    run: (options, window = {}) =>
      new Promise((resolve, reject) => {
        if (current) return reject(new Error('one load at a time'));
        current = { window, resolve, reject };
        generator.send(options);
      }),
    close: () => generator.disconnect(),
  };
}

/** One closed-loop load in a generator process of its own (see startLoadGenerator). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const generator = startLoadGenerator();
  try {
    return await generator.run(options);
  } finally {
    generator.close();
  }
}

export const formatResult = (name: string, r: LoadResult) =>
  `${name.padEnd(28)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50Ms.toFixed(2).padStart(7)} ms   p99 ${r.p99Ms
    .toFixed(2)
    .padStart(7)} ms   (${r.requests} ok, ${r.errors} errors)`;

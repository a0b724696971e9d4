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
}

/** Called when the load starts and when it stops, e.g. to read the servers' CPU counters. */
export interface LoadWindow {
  started?: () => void | Promise<void>;
  stopped?: () => void | Promise<void>;
}

type GeneratorMessage = { started: true } | { result: LoadResult } | { error: string };

/**
 * Closed-loop load: `concurrency` clients each send `body` to `url` back to back over
 * keep-alive connections for `seconds`, checking every response is a 200 without errors.
 * The clients run in a separate process (bench/load-generator.ts) forked with this one's
 * loader flags.
 */
export function runLoad(options: LoadOptions, window: LoadWindow = {}): Promise<LoadResult> {
  const generator = fork(new URL('./load-generator.ts', import.meta.url), { stdio: 'inherit' });
  return new Promise<LoadResult>((resolve, reject) => {
    let settled = false;
    generator.on('message', (message: GeneratorMessage) => {
      if ('started' in message) return void window.started?.();
      settled = true;
      void Promise.resolve(window.stopped?.()).then(() =>
        'result' in message ? resolve(message.result) : reject(new Error(message.error)),
      );
    });
    generator.once('error', reject);
    generator.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with ${code}`));
    });
    generator.send(options);
  });
}

export const formatResult = (name: string, r: LoadResult) =>
  `${name.padEnd(28)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50Ms.toFixed(2).padStart(7)} ms   p99 ${r.p99Ms
    .toFixed(2)
    .padStart(7)} ms   (${r.requests} ok, ${r.errors} errors)`;

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface SpawnedService {
  /** The URL the service logged as ready. */
  url: string;
  process: ChildProcess;
  /** Every log line so far (JSON strings). */
  logs: string[];
  /** SIGTERM (graceful) or SIGKILL (crash), then waits for the exit. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Runs a service's TypeScript entry point in its own process, as production would
 * (and where jest's module sandbox cannot host it, e.g. PGlite's WASM), and waits
 * for its "ready" log line. Used for restart, crash and embedded-mode tests.
 */
export async function spawnService(
  entry: string,
  options: {
    env: Record<string, string>;
    tsconfig: string;
    readyTimeoutMs?: number;
    /** e.g. "1": pin to CPU 1 (benchmarks). */ cpus?: string;
  },
): Promise<SpawnedService> {
  const nodeArgs = ['--conditions=peerseed-source', '--import', '@swc-node/register/esm-register', entry];
  const child = spawn(
    options.cpus ? 'taskset' : process.execPath,
    options.cpus ? ['-c', options.cpus, process.execPath, ...nodeArgs] : nodeArgs,
    {
      cwd: repoRoot,
      env: { ...process.env, SWC_NODE_PROJECT: options.tsconfig, LOG_LEVEL: 'info', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} not ready:\n${logs.join('\n')}`)),
      options.readyTimeoutMs ?? 60_000,
    );
    const onLine = (line: string) => {
      logs.push(line);
      try {
        const entryLog = JSON.parse(line) as { url?: string; msg?: string };
        if (entryLog.url && /ready/.test(entryLog.msg ?? '')) {
          clearTimeout(timer);
          resolve(entryLog.url);
        }
      } catch {
        // not JSON: keep it in the logs only
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready:\n${logs.join('\n')}`));
    });
  });
  return {
    url,
    process: child,
    logs,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

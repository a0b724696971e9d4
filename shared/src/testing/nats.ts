import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JetStreamApiError, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { eventNamespace, STREAM_NAMES } from '../events/streams.js';

/** The NATS server integration tests use (CI starts it; JetStream on). */
export const testNatsUrl = (): string => process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** A namespace no other test file or run uses: its streams and subjects are its own. */
export const testNamespace = (label: string): string =>
  `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}_${label.replace(/[^a-z0-9]/gi, '').slice(0, 12)}`;

/**
 * Deletes the streams of a test or benchmark namespace (their events with them) once its
 * run is over: the shared server keeps only what runs in progress use. Streams a run never
 * created are skipped; those a crashed run left are swept by the test suite's global setup.
 */
export async function deleteTestStreams(namespace: string, url = testNatsUrl()): Promise<void> {
  // An empty namespace names production's streams.
  if (!namespace) throw new Error('deleteTestStreams needs a namespace');
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    const ns = eventNamespace(namespace);
    await Promise.all(
      STREAM_NAMES.map((stream) =>
        jsm.streams.delete(ns.stream(stream)).catch((error: unknown) => {
          if (!(error instanceof JetStreamApiError) || error.status !== 404) throw error;
        }),
      ),
    );
  } finally {
    await nc.close();
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface PrivateNatsServer {
  url: string;
  /** Kills the server (an outage). */
  stop(): Promise<void>;
  /** Starts it again on the same port and store. */
  start(): Promise<void>;
  /** Stops it and deletes its store. */
  destroy(): Promise<void>;
}

/**
 * A nats-server of the test's own (JetStream, temporary store, free port), for tests
 * that take the broker down: the shared one serves other test files meanwhile.
 */
export async function startPrivateNatsServer(): Promise<PrivateNatsServer> {
  const port = await freePort();
  const store = await mkdtemp(join(tmpdir(), 'peerseed-nats-'));
  const binary = process.env['NATS_SERVER_BIN'] ?? 'nats-server';
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = createServer().listen(port, '127.0.0.1');
        socket.once('error', () => resolve(true));
        socket.once('listening', () => socket.close(() => resolve(false)));
      });
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('nats-server did not start');
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGKILL');
    });
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    stop,
    start,
    destroy: async () => {
      await stop();
      await rm(store, { recursive: true, force: true });
    },
  };
}

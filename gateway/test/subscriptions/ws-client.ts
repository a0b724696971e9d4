import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Connection {
  client: Client;
  /** The close event of the socket (code, reason), once closed. */
  closed: Promise<{ code: number; reason: string }>;
  /** Settles once the server acknowledged `connection_init`. */
  acknowledged: Promise<void>;
}

/** A graphql-ws connection to the gateway, authenticated by `connection_init` when a token is given. */
export function connect(httpUrl: string, connectionParams: Record<string, unknown> = {}): Connection {
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  let onAcknowledged!: () => void;
  const acknowledged = new Promise<void>((resolve) => (onAcknowledged = resolve));
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    // Closes are asserted through `closed`; graphql-ws would print them otherwise.
    onNonLazyError: () => undefined,
    on: {
      connected: () => onAcknowledged(),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  return { client, closed, acknowledged };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Connections a test file opens, so its afterAll closes every one of them. */
export function connectionPool() {
  const connections: Connection[] = [];
  return {
    open(httpUrl: string, connectionParams: Record<string, unknown> = {}): Connection {
      const connection = connect(httpUrl, connectionParams);
      connections.push(connection);
      return connection;
    },
    closeAll: () => Promise.all(connections.map((c) => c.client.dispose())),
  };
}

export interface Collected<T> {
  results: FormattedExecutionResult<T, unknown>[];
  errors: unknown[];
  completed: boolean;
  stop: () => void;
}

/** Subscribes and gathers everything the server sends. */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): Collected<T> {
  const collected: Collected<T> = { results: [], errors: [], completed: false, stop: () => undefined };
  collected.stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => void collected.results.push(result),
      error: (error) => void collected.errors.push(error),
      complete: () => void (collected.completed = true),
    },
  );
  return collected;
}

/** Waits until `done` holds, or fails after `timeoutMs`. */
export async function waitFor(done: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

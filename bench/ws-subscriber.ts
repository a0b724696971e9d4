import WebSocket from 'ws';

/** One `next` a subscriber received, and when (epoch ms, the clock services stamp with). */
export interface Received {
  at: number;
  data: any;
  /** Errors of a `next`, or of an `error` that ended the subscription. */
  errors?: unknown[];
}

/**
 * A graphql-transport-ws subscriber, spoken by hand over `ws` (lighter than graphql-ws's
 * client when a thousand of them share the load generator's process).
 */
export async function subscribe(
  wsUrl: string,
  token: string,
  query: string,
  onNext: (received: Received) => void,
): Promise<WebSocket> {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const acknowledged = new Promise<void>((resolve, reject) => {
    socket.on('message', (raw) => {
      const at = performance.timeOrigin + performance.now();
      const message = JSON.parse(String(raw)) as { type: string; payload?: any };
      if (message.type === 'connection_ack') resolve();
      else if (message.type === 'next') onNext({ at, data: message.payload.data, errors: message.payload.errors });
      else if (message.type === 'error') onNext({ at, data: null, errors: message.payload });
    });
    socket.once('close', (code, reason) => reject(new Error(`closed ${code} ${String(reason)}`)));
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }));
  await acknowledged;
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
  return socket;
}

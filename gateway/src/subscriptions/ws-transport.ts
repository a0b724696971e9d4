import type { Logger } from '@peerseed/shared';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';

/** What graphql-ws's context carries of the transport: the socket, nothing of the upgrade request. */
export interface SocketExtra {
  socket: WebSocket;
}

export interface WsTransportOptions {
  /** WebSocket pings this often; a socket that has not answered one by the next is cut. */
  keepAliveMs: number;
  logger: Logger;
  /** Internal error messages stay out of close reasons. */
  production: boolean;
}

/** A close reason fits in 123 bytes. */
const closeReason = (error: unknown, production: boolean): string => {
  const message = error instanceof Error ? error.message : String(error);
  return production || Buffer.byteLength(message) > 123 ? 'Internal server error' : message;
};

/**
 * graphql-ws's protocol server on a `ws` server, doing what graphql-ws's own `useServer`
 * does (subprotocol check, pings, 4500 on an internal error) while holding less per
 * connection: graphql-ws's message handler stays suspended for as long as the subscription
 * it started runs, and useServer's kept the WebSocket message in it (a Buffer over the
 * socket's read, ~2 KiB outside the heap) and the upgrade request in the context
 * (IncomingMessage, headers) — per idle subscriber, for nothing we use. Here the message's
 * text is taken at once and the context holds the socket alone. (useServer is meant to be
 * copied and adjusted, its docs say.)
 */
export function serveGraphqlWs<P extends Record<string, unknown> | undefined, E extends Record<PropertyKey, unknown>>(
  serverOptions: ServerOptions<P, SocketExtra & Partial<E>>,
  wss: WebSocketServer,
  options: WsTransportOptions,
): { dispose: () => Promise<void> } {
  const server = makeServer(serverOptions);
  wss.options.handleProtocols = handleProtocols;
  const internalError = (socket: WebSocket, error: unknown) => {
    options.logger.error({ err: error }, 'internal error on a subscription socket');
    socket.close(CloseCode.InternalServerError, closeReason(error, options.production));
  };
  wss.on('connection', (socket) => {
    socket.once('error', (error) => internalError(socket, error));
    let pongWait: NodeJS.Timeout | null = null;
    const pings = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), options.keepAliveMs);
      socket.once('pong', () => {
        if (pongWait) clearTimeout(pongWait);
        pongWait = null;
      });
      socket.ping();
    }, options.keepAliveMs);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        // Not an async listener: the message Buffer goes as soon as its text is taken.
        onMessage: (handle) =>
          socket.on('message', (data) => {
            handle(String(data)).catch((error: unknown) => internalError(socket, error));
          }),
      },
      { socket } as SocketExtra & Partial<E>,
    );
    socket.once('close', (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      clearInterval(pings);
      void closed(code, String(reason));
    });
  });
  return {
    dispose: async () => {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

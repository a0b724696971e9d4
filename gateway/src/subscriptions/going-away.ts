import type { WebSocketServer } from 'ws';
import { CLOSE_GOING_AWAY } from './close-codes.js';

/**
 * Shutdown: every socket gets 1001 "going away" so its client reconnects — through the
 * load balancer, to another replica — and resumes from its cursor. A client that does
 * not answer the close handshake within `graceMs` is cut off, so a dead peer cannot hold
 * the shutdown (ws would wait 30 s for it).
 */
export async function closeGoingAway(wss: WebSocketServer, graceMs = 2_000): Promise<void> {
  const sockets = [...wss.clients];
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === socket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            socket.terminate();
            resolve();
          }, graceMs);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          socket.close(CLOSE_GOING_AWAY.code, CLOSE_GOING_AWAY.reason);
        }),
    ),
  );
}

import WebSocket from 'ws';
import { waitFor } from './ws-client.js';

export interface RawMessage {
  id?: string;
  type: string;
  payload?: any;
}

/**
 * A graphql-transport-ws subscriber spoken by hand over `ws`, for what graphql-ws's client
 * hides: its socket can stop reading (`socket.pause()`) as a slow phone would, or stop
 * answering pings (`autoPong: false`) as a vanished one would.
 */
export async function rawSubscriber(
  httpUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: WebSocket.ClientOptions = {},
): Promise<{ socket: WebSocket; messages: RawMessage[] }> {
  const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', options);
  const messages: RawMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as RawMessage));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }));
  await waitFor(() => messages.some((m) => m.type === 'connection_ack'), 10_000, 'connection_ack');
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
  return { socket, messages };
}

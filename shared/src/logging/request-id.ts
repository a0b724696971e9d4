import { randomUUID } from 'node:crypto';

/** Header that carries one request's id from the gateway through every subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Reuses a well-formed incoming id (so logs join up across services) or makes a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SAFE_ID.test(value) ? value : randomUUID();
}

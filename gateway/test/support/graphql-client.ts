import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export interface GraphqlError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphqlResult<T> {
  status: number;
  data?: T | null;
  errors?: GraphqlError[];
}

/** Sends a typed operation (from codegen) to the gateway, optionally with a bearer token. */
export async function execute<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  token?: string,
): Promise<GraphqlResult<TResult>> {
  return post(url, { query: print(document), variables }, token ? { authorization: `Bearer ${token}` } : {});
}

/** Posts a raw body (for malformed and abusive requests). */
export async function post<T = any>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphqlResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Omit<GraphqlResult<T>, 'status'>;
  try {
    parsed = JSON.parse(text) as Omit<GraphqlResult<T>, 'status'>;
  } catch {
    throw new Error(`gateway answered ${response.status} with a non-JSON body: ${text.slice(0, 200)}`);
  }
  return { status: response.status, ...parsed };
}

/** The codes of a result's errors, for compact assertions. */
export const errorCodes = (result: GraphqlResult<unknown>): (string | undefined)[] =>
  (result.errors ?? []).map((e) => e.extensions?.code);

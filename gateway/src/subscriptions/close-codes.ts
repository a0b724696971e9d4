/**
 * WebSocket close codes of `ws://…/graphql` beyond graphql-ws's own (4400 bad message,
 * 4403 forbidden — sent when `connection_init` carries no valid token —, 4408 init
 * timeout, 4409 duplicate subscription id, 4429 too many init requests, 4500 internal).
 */
export const CLOSE_TOKEN_EXPIRED = { code: 4401, reason: 'Token expired' } as const;

/** The socket closes this long before the token's `exp`, so no event is sent under an expired token. */
export const EXPIRY_MARGIN_MS = 1_000;

/**
 * WebSocket close codes of `ws://…/graphql` beyond graphql-ws's own (4400 bad message,
 * 4401 unauthorized — a `subscribe` before `connection_ack` —, 4403 forbidden — sent when
 * `connection_init` carries no valid token —, 4408 init timeout, 4409 duplicate
 * subscription id, 4429 too many init requests, 4500 internal). Token expiry has a code of
 * its own so a client need not read reason texts to tell it from a protocol error.
 * A client reconnects after 4440 (with a fresh token), 4430 (once one of its other
 * connections closed) and 1001 (to another replica), each time from its last cursor.
 */
export const CLOSE_TOKEN_EXPIRED = { code: 4440, reason: 'Token expired' } as const;

/** The user already holds SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER sockets on this replica. */
export const CLOSE_TOO_MANY_CONNECTIONS = { code: 4430, reason: 'Too many connections for this user' } as const;

/** The replica is shutting down (the standard "going away"): reconnect, through the load balancer, elsewhere. */
export const CLOSE_GOING_AWAY = { code: 1001, reason: 'Going away' } as const;

/** The socket closes this long before the token's `exp`, so no event is sent under an expired token. */
export const EXPIRY_MARGIN_MS = 1_000;

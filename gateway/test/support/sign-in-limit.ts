/**
 * Gateway settings lifting the per-client sign-in limit (10 a minute): the e2e tests and the benches
 * register and sign in hundreds of users from 127.0.0.1. The limit has its own test with the defaults
 * (e2e/auth-rate-limit.e2e.test.ts). Free of test-framework imports, so the benches can use it.
 */
export const SIGN_IN_LIMIT_LIFTED: Readonly<Record<string, string>> = Object.freeze({
  AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
  AUTH_RATE_LIMIT_BURST: '1000000',
});

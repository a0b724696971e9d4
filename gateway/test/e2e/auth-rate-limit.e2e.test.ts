import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningServer } from '@peerseed/shared';
import { randomCpf, testLogger } from '@peerseed/shared/testing';
import { randomBytes } from 'node:crypto';
import { print } from 'graphql';
import { loadGatewayConfig } from '../../src/config.js';
import { startGateway } from '../../src/gateway.js';
import { LoginDocument, MeDocument, RefreshTokenDocument, RegisterDocument } from '../generated/graphql.js';
import { errorCodes, post, type GraphqlResult } from '../support/graphql-client.js';
import { gatewayEnvFor, startTestStack, type TestStack } from '../support/test-stack.js';

const PASSWORD = 'a long enough passphrase';
const stamp = `${Date.now()}.${randomBytes(3).toString('hex')}`;
let counter = 0;
const newUser = () => ({
  name: 'Maria Investidora',
  email: `limit.${stamp}.${counter++}@example.com`,
  password: PASSWORD,
  document: randomCpf(),
  role: 'INVESTOR' as const,
});

/** A request from `client` (X-Forwarded-For, believed with TRUST_PROXY=loopback). */
const from = (client: string, token?: string) => ({
  'x-forwarded-for': client,
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});
const login = (url: string, client: string, email: string, password = PASSWORD) =>
  post(url, { query: print(LoginDocument), variables: { email, password } }, from(client));
/** A sign-in for an address no account has: an attempt the limit counts (accounts answers UNAUTHENTICATED). */
const bogusLogin = (url: string, headers: Record<string, string>) =>
  post(
    url,
    {
      query: print(LoginDocument),
      variables: { email: `nobody.${randomBytes(6).toString('hex')}@example.com`, password: PASSWORD },
    },
    headers,
  );
/** A refresh with a token accounts never issued: not a sign-in attempt, never counted (UNAUTHENTICATED from accounts). */
const bogusRefresh = (url: string, headers: Record<string, string>) =>
  post(
    url,
    { query: print(RefreshTokenDocument), variables: { refreshToken: randomBytes(32).toString('base64url') } },
    headers,
  );
const tokenRequest = (url: string, client: string, grant: 'password' | 'refresh_token' = 'password') =>
  fetch(new URL('/oauth/token', url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client },
    body: new URLSearchParams(
      grant === 'password'
        ? {
            grant_type: 'password',
            username: `nobody.${randomBytes(6).toString('hex')}@example.com`,
            password: PASSWORD,
          }
        : { grant_type: 'refresh_token', refresh_token: 'never-issued' },
    ).toString(),
  });
/** One mutation of `count` sign-ins under aliases, for addresses no account has: `count` attempts. */
const aliasedLogins = (count: number) =>
  `mutation { ${Array.from(
    { length: count },
    (_, i) => `a${i}: login(email: "nobody.${stamp}.${i}@example.com", password: "${PASSWORD}") { accessToken }`,
  ).join(' ')} }`;
const refusedBy = (result: GraphqlResult<unknown>) => errorCodes(result).includes('RATE_LIMITED');

describe('sign-in rate limit per client at the gateway (defaults: 10 a minute, bursts of 10)', () => {
  let stack: TestStack;
  // The limit's clock stands still unless a test moves it: a slow machine cannot refill a bucket mid-test.
  const clock = { ms: Date.now() };
  const redisPrefix = `peerseed:test:${stamp}:gateway:`;
  const gateways: RunningServer[] = [];
  /** A gateway over the stack with the default sign-in limit (the stack's own has it raised for the other tests). */
  const gatewayWith = async (env: Record<string, string>) => {
    const { AUTH_RATE_LIMIT_PER_MINUTE: _perMinute, AUTH_RATE_LIMIT_BURST: _burst, ...stackEnv } = gatewayEnvFor(stack);
    const gateway = await startGateway({
      config: loadGatewayConfig({ ...stackEnv, ...env }),
      logger: testLogger(),
      now: () => clock.ms,
    });
    gateways.push(gateway);
    return gateway.url;
  };
  let url: string;
  const failedLogins = async (email: string) =>
    (
      await stack.accounts.orm.em
        .fork()
        .getConnection()
        .execute<{ n: number }[]>('select failed_login_count as n from users where email = ?', [email])
    )[0]!.n;

  beforeAll(async () => {
    stack = await startTestStack();
    url = await gatewayWith({ TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await stack.stop();
  });

  it('stops password spraying: the 11th login of a client in a minute is refused before accounts; others pass', async () => {
    const users = [];
    for (let i = 0; i < 11; i++) {
      const input = newUser();
      const registered = await post(stack.gateway.url, { query: print(RegisterDocument), variables: { input } });
      expect(registered.errors).toBeUndefined();
      users.push(input.email);
    }
    const sprayer = '203.0.113.7';
    // One password on ten accounts: each account sees a single failure, far below its own lock.
    for (const email of users.slice(0, 10)) {
      expect(errorCodes(await login(url, sprayer, email, 'Summer2026!!'))).toEqual(['UNAUTHENTICATED']);
    }
    const eleventh = await login(url, sprayer, users[10]!, 'Summer2026!!');
    expect(eleventh.status).toBe(429);
    expect(eleventh.errors).toEqual([
      {
        message: 'Too many sign-in attempts from this address; try again in 6 s',
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 6 },
      },
    ]);
    expect(await failedLogins(users[10]!)).toBe(0); // it never reached accounts
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from(sprayer) },
      body: JSON.stringify({ query: print(LoginDocument), variables: { email: users[10], password: PASSWORD } }),
    });
    expect([response.status, response.headers.get('retry-after')]).toEqual([429, '6']);

    // Another client signs in to that very account.
    const other = await login(url, '198.51.100.23', users[10]!, PASSWORD);
    expect(other.errors).toBeUndefined();
    const token = (other.data as { login: { accessToken: string } }).login.accessToken;

    // The limited client's other operations are not limited.
    for (let i = 0; i < 30; i++) {
      const me = await post(url, { query: print(MeDocument) }, from(sprayer, token));
      expect([me.status, me.errors]).toEqual([200, undefined]);
    }
    expect(
      (await post(url, { query: '{ cprs(first: 5) { edges { node { id } } } }' }, from(sprayer, token))).errors,
    ).toBeUndefined();

    // A token comes back every 6 s.
    clock.ms += 6_000;
    expect(errorCodes(await login(url, sprayer, users[0]!, PASSWORD))).toEqual([]);
    expect(refusedBy(await login(url, sprayer, users[1]!, PASSWORD))).toBe(true);
    const metrics = await (await fetch(new URL('/metrics', url))).text();
    expect(metrics).toMatch(/^peerseed_gateway_auth_rate_limited_total\{endpoint="graphql"\} 3$/m);
  });

  it('counts every alias, register and POST /oauth/token in one bucket per client (an IPv6 one by its /64), and no refresh', async () => {
    const client = '2001:db8:c0:1::1';
    const batch = await post(url, { query: aliasedLogins(5) }, from(client));
    expect(refusedBy(batch)).toBe(false);
    for (let i = 0; i < 4; i++) expect((await tokenRequest(url, client)).status).toBe(400); // invalid_grant, from accounts
    const registered = await post(
      url,
      { query: print(RegisterDocument), variables: { input: newUser() } },
      from('2001:db8:c0:1::2'),
    );
    expect(registered.errors).toBeUndefined();

    // Ten attempts: the eleventh is refused at both doors.
    const token = await tokenRequest(url, '2001:db8:c0:1:ffff::9');
    expect([token.status, token.headers.get('retry-after'), await token.json()]).toEqual([
      429,
      '6',
      { error: 'invalid_grant', error_description: 'Too many sign-in attempts from this address; try again in 6 s' },
    ]);
    expect(refusedBy(await bogusLogin(url, from(client)))).toBe(true);
    // A refresh is no sign-in (its token cannot be guessed, and every session makes one each 15 minutes): it passes.
    const refresh = await bogusRefresh(url, from(client));
    expect([refusedBy(refresh), errorCodes(refresh)]).toEqual([false, ['UNAUTHENTICATED']]);
    expect((await tokenRequest(url, client, 'refresh_token')).status).toBe(400); // invalid_grant, from accounts
    // Another /64 is another client.
    expect(refusedBy(await bogusLogin(url, from('2001:db8:c0:2::1')))).toBe(false);
  });

  it('refuses a request holding more attempts than a burst, charging nothing', async () => {
    const client = '203.0.113.99';
    const spray = await post(url, { query: aliasedLogins(11) }, from(client));
    expect([spray.status, spray.data ?? null, spray.errors?.[0]?.message]).toEqual([
      429,
      null,
      'At most 10 sign-in operations fit in one request; send fewer',
    ]);
    expect(refusedBy(await bogusLogin(url, from(client)))).toBe(false);
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored: a client cannot pose as many', async () => {
    const direct = await gatewayWith({});
    for (let i = 0; i < 10; i++) {
      expect(refusedBy(await bogusLogin(direct, { 'x-forwarded-for': `198.51.100.${i}` }))).toBe(false);
    }
    expect(refusedBy(await bogusLogin(direct, { 'x-forwarded-for': '198.51.100.200' }))).toBe(true);
  });

  it('with REDIS_URL, the replicas share each client’s count', async () => {
    const redis = {
      REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: redisPrefix,
    };
    const [a, b] = [
      await gatewayWith({ TRUST_PROXY: '1', ...redis }),
      await gatewayWith({ TRUST_PROXY: '1', ...redis }),
    ];
    const client = from('192.0.2.44');
    for (let i = 0; i < 5; i++) {
      expect(refusedBy(await bogusLogin(a, client))).toBe(false);
      expect(refusedBy(await bogusLogin(b, client))).toBe(false);
    }
    expect(refusedBy(await bogusLogin(a, client))).toBe(true);
    expect(refusedBy(await bogusLogin(b, client))).toBe(true);
  });
});

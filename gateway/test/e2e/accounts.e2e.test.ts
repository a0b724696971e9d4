import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomCnpj, randomCpf } from '@peerseed/shared/testing';
import { print } from 'graphql';
import {
  CreateStaffUserDocument,
  LoginDocument,
  MeDocument,
  RefreshTokenDocument,
  RegisterDocument,
  type RegisterInput,
} from '../generated/graphql.js';
import { errorCodes, execute, post, type GraphqlResult } from '../support/graphql-client.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const PASSWORD = 'a long enough passphrase';
let counter = 0;
const newInvestor = (overrides: Partial<RegisterInput> = {}): RegisterInput => ({
  name: 'Maria Investidora',
  email: `maria.${Date.now()}.${counter++}@example.com`,
  password: PASSWORD,
  document: randomCpf(),
  role: 'INVESTOR',
  ...overrides,
});

/** Names of the operation limits a result's errors report. */
const limitsHit = (result: GraphqlResult<unknown>) =>
  (result.errors ?? []).map((e) => (e.extensions?.['limit'] as { name?: string } | undefined)?.name).filter(Boolean);

describe('accounts through the gateway', () => {
  let stack: TestStack;
  let url: string;
  const userCount = async () =>
    Number(
      (
        await stack.accounts.orm.em.fork().getConnection().execute<{ n: string }[]>('select count(*) as n from users')
      )[0]!.n,
    );

  beforeAll(async () => {
    stack = await startTestStack();
    url = stack.gateway.url;
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('register → me → login → refresh → reuse detection revokes the family', async () => {
    const input = newInvestor({ email: `  Joao.${Date.now()}@Example.COM ` });
    const registered = await execute(url, RegisterDocument, { input });
    expect(registered.errors).toBeUndefined();
    const payload = registered.data!.register;
    expect(payload).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(payload.user).toMatchObject({ role: 'INVESTOR', email: input.email.trim().toLowerCase() });

    const me = await execute(url, MeDocument, {}, payload.accessToken);
    expect(me.data!.me).toMatchObject({ id: payload.user.id, email: input.email.trim().toLowerCase() });
    expect((await execute(url, MeDocument, {})).data!.me).toBeNull();

    const login = await execute(url, LoginDocument, { email: input.email, password: PASSWORD });
    expect(login.data!.login.user.id).toBe(payload.user.id);

    const first = await execute(url, RefreshTokenDocument, { refreshToken: login.data!.login.refreshToken });
    expect(first.errors).toBeUndefined();
    const rotated = first.data!.refreshToken.refreshToken;
    expect(rotated).not.toBe(login.data!.login.refreshToken);

    // The spent token again: reuse detected, and the family (with the rotated token) is revoked.
    const reuse = await execute(url, RefreshTokenDocument, { refreshToken: login.data!.login.refreshToken });
    expect(errorCodes(reuse)).toEqual(['UNAUTHENTICATED']);
    expect(reuse.errors![0]!.message).toMatch(/reuse/);
    const afterRevocation = await execute(url, RefreshTokenDocument, { refreshToken: rotated });
    expect(errorCodes(afterRevocation)).toEqual(['UNAUTHENTICATED']);

    // The session from registration is another family and still works.
    expect((await execute(url, RefreshTokenDocument, { refreshToken: payload.refreshToken })).errors).toBeUndefined();
  });

  it('companies register with a CNPJ, alphanumeric ones included', async () => {
    const numeric = await execute(url, RegisterDocument, {
      input: newInvestor({ document: randomCnpj(), role: 'PRODUCER' }),
    });
    expect(numeric.data?.register.user.role).toBe('PRODUCER');
    const alphanumeric = await execute(url, RegisterDocument, {
      input: newInvestor({ document: '12.ABC.345/01DE-35' }),
    });
    expect(alphanumeric.errors).toBeUndefined();
  });

  it('only an ADMIN creates ADMIN and ANALYST accounts; nobody self-registers as one', async () => {
    const selfAdmin = await execute(url, RegisterDocument, { input: newInvestor({ role: 'ADMIN' }) });
    expect(errorCodes(selfAdmin)).toEqual(['BAD_USER_INPUT']);

    const admin = await execute(url, LoginDocument, { email: 'admin@peerseed.local', password: 'peerseed-admin-dev' });
    expect(admin.data?.login.user.role).toBe('ADMIN');
    const staff = { ...newInvestor(), role: 'ANALYST' as const };
    const created = await execute(url, CreateStaffUserDocument, { input: staff }, admin.data!.login.accessToken);
    expect(created.data?.createStaffUser).toMatchObject({ role: 'ANALYST', email: staff.email });

    const investor = await execute(url, RegisterDocument, { input: newInvestor() });
    const denied = await execute(
      url,
      CreateStaffUserDocument,
      { input: { ...newInvestor(), role: 'ADMIN' } },
      investor.data!.register.accessToken,
    );
    expect(errorCodes(denied)).toEqual(['FORBIDDEN']);
  });

  it('refuses bad registrations with BAD_USER_INPUT or CONFLICT and writes nothing', async () => {
    const existing = newInvestor();
    await execute(url, RegisterDocument, { input: existing });
    const before = await userCount();
    const cases: [Partial<RegisterInput>, string, string][] = [
      [{ document: '529.982.247-24' }, 'BAD_USER_INPUT', 'document'],
      [{ document: '11111111111' }, 'BAD_USER_INPUT', 'document'],
      [{ document: '11.222.333/0001-80' }, 'BAD_USER_INPUT', 'document'],
      [{ password: 'short1234' }, 'BAD_USER_INPUT', 'password'],
      [{ email: 'not-an-email' }, 'BAD_USER_INPUT', 'email'],
      [{ name: ' ' }, 'BAD_USER_INPUT', 'name'],
      [{ email: existing.email.toUpperCase() }, 'CONFLICT', ''],
      [{ document: existing.document }, 'CONFLICT', ''],
    ];
    for (const [change, code, field] of cases) {
      const result = await execute(url, RegisterDocument, { input: newInvestor(change) });
      expect({ change, codes: errorCodes(result) }).toEqual({ change, codes: [code] });
      if (field) expect(result.errors![0]!.extensions?.['field']).toBe(field);
    }
    const unknownRole = await post(url, {
      query: print(RegisterDocument),
      variables: { input: { ...newInvestor(), role: 'SUPERUSER' } },
    });
    expect(errorCodes(unknownRole)).toEqual(['BAD_USER_INPUT']);
    expect(await userCount()).toBe(before);
  });

  it('refuses forged, tampered, expired and alg:none tokens with 401 UNAUTHENTICATED', async () => {
    const { activePrivateJwk, signWith, strangerJwk, tamperedToken, unsignedToken } =
      await import('../support/tokens.js');
    const investor = await execute(url, RegisterDocument, { input: newInvestor() });
    const { accessToken, user } = investor.data!.register;
    const realKey = await activePrivateJwk(stack.accounts);
    const now = Math.floor(Date.now() / 1000);
    const forged = {
      algNone: unsignedToken(user.id),
      tampered: tamperedToken(accessToken, { role: 'ADMIN' }),
      strangerKeySameKid: await signWith(strangerJwk(realKey.kid!), { sub: user.id }),
      wrongAudience: await signWith(realKey, { sub: user.id, aud: 'someone-else' }),
      wrongIssuer: await signWith(realKey, { sub: user.id, iss: 'https://evil.example' }),
      expired: await signWith(realKey, { sub: user.id, exp: now - 5 }),
      unknownRole: await signWith(realKey, { sub: user.id, role: 'ROOT' }),
      garbage: 'not.a.jwt',
    };
    for (const [name, token] of Object.entries(forged)) {
      const result = await execute(url, MeDocument, {}, token);
      expect({ name, status: result.status, codes: errorCodes(result), data: result.data ?? null }).toEqual({
        name,
        status: 401,
        codes: ['UNAUTHENTICATED'],
        data: null,
      });
    }
    const malformedHeader = await post(url, { query: '{ me { id } }' }, { authorization: `Token ${accessToken}` });
    expect(errorCodes(malformedHeader)).toEqual(['UNAUTHENTICATED']);
    // The genuine token still works.
    expect((await execute(url, MeDocument, {}, accessToken)).data!.me!.id).toBe(user.id);
  });

  it('throttles logins per account, also against parallel attempts and alias batches', async () => {
    const input = newInvestor();
    await execute(url, RegisterDocument, { input });
    // Eight wrong passwords at once: the account row lock counts them one after another.
    const parallel = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        execute(url, LoginDocument, { email: input.email, password: `wrong password ${i}` }),
      ),
    );
    const codes = parallel.map((r) => errorCodes(r)[0]).sort();
    expect(codes).toEqual([...Array(3).fill('RATE_LIMITED'), ...Array(5).fill('UNAUTHENTICATED')]);

    // Aliases of one document get the same answer: the lock is in the use case, not per request.
    const attempts = Array.from(
      { length: 5 },
      (_, i) => `a${i}: login(email: $email, password: "${PASSWORD}") { accessToken }`,
    );
    const batch = await post(url, {
      query: `mutation ($email: String!) { ${attempts.join(' ')} }`,
      variables: { email: input.email },
    });
    expect(batch.data ?? null).toBeNull();
    expect(errorCodes(batch)[0]).toBe('RATE_LIMITED');

    const locked = await execute(url, LoginDocument, { email: input.email, password: PASSWORD });
    expect(errorCodes(locked)).toEqual(['RATE_LIMITED']);
    expect(locked.errors![0]!.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
  });

  it('answers malformed requests with clear errors and stays healthy', async () => {
    const malformed = await post(url, '{"query": "{ me { id } ', {});
    expect([malformed.status, errorCodes(malformed)]).toEqual([400, ['BAD_REQUEST']]);

    const plain = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{ me { id } }',
    });
    expect(plain.status).toBe(400);

    const huge = await post(url, { query: `{ me { id } } # ${'x'.repeat(200_000)}` });
    expect(huge.status).toBe(413);

    const parseError = await post(url, { query: '{ me { id }' });
    expect(errorCodes(parseError)).toEqual(['GRAPHQL_PARSE_FAILED']);

    const unknownField = await post(url, { query: '{ me { id password } }' });
    expect(errorCodes(unknownField)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
    const metrics = await (await fetch(new URL('/metrics', url))).text();
    expect(metrics).toMatch(/^peerseed_gateway_operations_total\{outcome="GRAPHQL_PARSE_FAILED"\} [1-9]/m);
    const ready = await fetch(new URL('/readyz', url));
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { accounts: 'ok' } });
  });

  it('refuses abusive documents before planning', async () => {
    const deep = `{ me { ${'a { '.repeat(20)}id${' }'.repeat(20)} } }`;
    const deepResult = await post(url, { query: deep });
    expect(limitsHit(deepResult)).toContain('maxDepth');

    const aliases = Array.from({ length: 31 }, (_, i) => `id${i}: id`).join(' ');
    const aliasResult = await post(url, { query: `{ me { ${aliases} } }` });
    expect(limitsHit(aliasResult)).toEqual(['maxAliases']);
    expect(errorCodes(aliasResult)).toEqual(['BAD_USER_INPUT']);

    const tokens = `{ me { ${Array.from({ length: 2100 }, () => 'id').join(' ')} } }`;
    const tokenResult = await post(url, { query: tokens });
    expect([errorCodes(tokenResult), limitsHit(tokenResult)]).toEqual([['BAD_USER_INPUT'], ['maxTokens']]);

    const sized = await post(url, { query: `{ me { id } } # ${'x'.repeat(25_000)}` });
    expect(limitsHit(sized)).toEqual(['maxDocumentBytes']);

    const roots = Array.from({ length: 21 }, (_, i) => `r${i}: __typename`).join(' ');
    expect(limitsHit(await post(url, { query: `{ ${roots} }` }))).toContain('maxRootFields');

    // Within every limit above, yet 20 × 3.5 million objects: Distribution.cpr ↔ Cpr.distributions, unpaginated.
    const cycle =
      'cpr{distributions{cpr{distributions{cpr{distributions{cpr{distributions{cpr{distributions{id}}}}}}}}}}';
    const costly = Array.from({ length: 20 }, (_, i) => `d${i}: distribution(id: $id) { ${cycle} }`).join(' ');
    const costResult = await post(url, { query: `query ($id: ID!) { ${costly} }`, variables: { id: 'x' } });
    expect([costResult.status, errorCodes(costResult), costResult.errors?.[0]?.extensions?.['limit']]).toEqual([
      400,
      ['BAD_USER_INPUT'],
      { name: 'maxCost', max: 20000, actual: 70_736_860 },
    ]);
  });

  it('serves the OAuth2 token endpoint and the JWKS through the gateway', async () => {
    const input = newInvestor();
    await execute(url, RegisterDocument, { input });
    const form = (fields: Record<string, string>) =>
      fetch(new URL('/oauth/token', url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const granted = await form({ grant_type: 'password', username: input.email, password: PASSWORD });
    expect(granted.status).toBe(200);
    const body = (await granted.json()) as { access_token: string; refresh_token: string; token_type: string };
    expect(body.token_type).toBe('Bearer');
    expect((await execute(url, MeDocument, {}, body.access_token)).data!.me).not.toBeNull();

    const refreshed = await form({ grant_type: 'refresh_token', refresh_token: body.refresh_token });
    expect(refreshed.status).toBe(200);
    const wrong = await form({ grant_type: 'password', username: input.email, password: 'wrong password!' });
    expect([wrong.status, await wrong.json()]).toEqual([400, expect.objectContaining({ error: 'invalid_grant' })]);
    const unsupported = await form({ grant_type: 'client_credentials' });
    expect(((await unsupported.json()) as { error: string }).error).toBe('unsupported_grant_type');

    const jwks = (await (await fetch(new URL('/.well-known/jwks.json', url))).json()) as { keys: unknown[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
  });

  it('shows dead letters to ADMINs only', async () => {
    const query = '{ accountsDeadLetters { id consumer error deliveries } }';
    const investor = await execute(url, RegisterDocument, { input: newInvestor() });
    const denied = await post(url, { query }, { authorization: `Bearer ${investor.data!.register.accessToken}` });
    expect(errorCodes(denied)).toEqual(['FORBIDDEN']);
    const admin = await execute(url, LoginDocument, { email: 'admin@peerseed.local', password: 'peerseed-admin-dev' });
    const allowed = await post(url, { query }, { authorization: `Bearer ${admin.data!.login.accessToken}` });
    expect(allowed.data).toEqual({ accountsDeadLetters: [] });
  });

  it('echoes the request id so a request can be followed through the logs', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me-0001' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('trace-me-0001');
  });
});

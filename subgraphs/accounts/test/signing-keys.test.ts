import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createAccessTokenVerifier, remoteJwks } from '@peerseed/shared';
import { createLocalJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, type JWK } from 'jose';
import { JoseSigningKeys, signingKeyFromPrivateJwk } from '../src/crypto/jose-signing-keys.js';
import { MikroOrmSigningKeyStore } from '../src/persistence/mikro-orm-signing-key.store.js';
import { graphql, startTestAccounts, type TestAccounts } from './support/test-accounts.js';

const issuer = 'https://accounts.peerseed.local';
const audience = 'peerseed-api';
const TTL_S = 900;
const ACTIVATION_DELAY_MS = 120_000;
const RELOAD_MS = 30_000;

/** A clock the test moves by hand; the service reads it, never real time, so nothing sleeps. */
class TestClock {
  ms = Date.now();
  now = () => new Date(this.ms);
  advance(ms: number) {
    this.ms += ms;
  }
}

const kidOf = (token: string) => decodeProtectedHeader(token).kid;
const verifierWith = (keys: { keys: JWK[] }) =>
  createAccessTokenVerifier({ issuer, audience, keys: createLocalJWKSet(keys) });

describe('signing keys: the next key is published before it signs (real PostgreSQL)', () => {
  let clock: TestClock;
  let accounts: TestAccounts;
  let replicas: JoseSigningKeys[];
  beforeEach(async () => {
    clock = new TestClock();
    replicas = [];
    accounts = await startTestAccounts(
      {
        ACCESS_TOKEN_TTL_SECONDS: String(TTL_S),
        SIGNING_KEY_ACTIVATION_DELAY_SECONDS: String(ACTIVATION_DELAY_MS / 1000),
      },
      clock,
    );
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    for (const replica of replicas) replica.stop();
    await accounts.stop();
  });

  const jwksUrl = () => new URL('/.well-known/jwks.json', accounts.url).toString();
  const jwks = async () => (await (await fetch(jwksUrl())).json()) as { keys: JWK[] };
  const kids = async () => (await jwks()).keys.map((k) => k.kid).sort();
  const issue = (keys: JoseSigningKeys = accounts.keys) => keys.issue({ userId: 'u-1', role: 'INVESTOR' });
  /** Another accounts replica: its own key set over the same database. */
  const replica = async (given?: JWK) => {
    const keys = new JoseSigningKeys({
      store: new MikroOrmSigningKeyStore(accounts.orm),
      clock,
      issuer,
      audience,
      accessTokenTtlSeconds: TTL_S,
      rotateAfterSeconds: 30 * 86_400,
      activationDelaySeconds: ACTIVATION_DELAY_MS / 1000,
    });
    replicas.push(keys);
    await keys.start(given ? await signingKeyFromPrivateJwk(given, clock.now()) : undefined);
    return keys;
  };

  it('signs at once on a fresh install: no verifier can be waiting for a key yet', async () => {
    const published = await jwks();
    expect(published.keys).toHaveLength(1);
    const { token } = await issue();
    expect(kidOf(token)).toBe(published.keys[0]!.kid);
    await expect(verifierWith(published)(token)).resolves.toMatchObject({ userId: 'u-1' });
    const [row] = await accounts.orm.em
      .getConnection()
      .execute<{ created_at: Date; activates_at: Date }[]>('select created_at, activates_at from signing_keys');
    expect(row!.activates_at).toEqual(row!.created_at);
  });

  it('rotateSigningKey publishes the new key at once and signs with it only from its activation time', async () => {
    const admin = { email: 'admin@peerseed.local', password: 'peerseed-admin-dev' };
    const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`;
    const login = async () => (await graphql(accounts.url, LOGIN, admin)).data.login.accessToken as string;
    const before = await login();
    const oldKid = kidOf(before);

    const rotated = await graphql(
      accounts.url,
      'mutation { rotateSigningKey }',
      {},
      { authorization: `Bearer ${before}` },
    );
    const newKid = rotated.data.rotateSigningKey as string;
    expect(newKid).not.toBe(oldKid);
    expect(await kids()).toEqual([oldKid, newKid].sort());

    // The old key signs until the activation time, the new one from then on.
    const during = await login();
    expect(kidOf(during)).toBe(oldKid);
    clock.advance(ACTIVATION_DELAY_MS - 1);
    expect(kidOf((await issue()).token)).toBe(oldKid);
    clock.advance(1);
    const after = await login();
    expect(kidOf(after)).toBe(newKid);
    const verify = verifierWith(await jwks());
    for (const token of [before, during, after]) await expect(verify(token)).resolves.toMatchObject({ role: 'ADMIN' });

    // The retired key stays published while its last tokens may be valid (plus one reload), then goes.
    clock.advance(TTL_S * 1000 + RELOAD_MS - 1);
    await accounts.keys.reload();
    expect(await kids()).toEqual([oldKid, newKid].sort());
    clock.advance(2);
    await accounts.keys.reload();
    expect(await kids()).toEqual([newKid]);
  });

  it("verifiers never meet an unknown kid (jose's own JWKS cache and refetch cooldown)", async () => {
    // jose ages its cached key set by Date.now: make it read the test clock too.
    jest.spyOn(Date, 'now').mockImplementation(() => clock.ms);
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const fetches = () => fetchSpy.mock.calls.filter(([url]) => String(url).includes('jwks')).length;
    const verify = createAccessTokenVerifier({ issuer, audience, keys: remoteJwks(jwksUrl()) });

    await expect(verify((await issue()).token)).resolves.toMatchObject({ userId: 'u-1' });
    expect(fetches()).toBe(1);

    // Rotated 5 s after the verifier fetched: within its 30 s cooldown it could not fetch again
    // for an unknown kid, so what accounts signs now must be a key it already holds.
    clock.advance(5_000);
    const { kid: newKid, activatesAt } = await accounts.keys.rotate();
    const rightAfter = await jwks(); // a snapshot taken right after the rotation
    expect(rightAfter.keys.map((k) => k.kid)).toContain(newKid);
    await expect(verify((await issue()).token)).resolves.toMatchObject({ userId: 'u-1' });
    expect(fetches()).toBe(1 + 1); // the snapshot above

    // Fetched again 25 s before the new key signs (its copy had aged past 60 s)...
    clock.ms = activatesAt.getTime() - 25_000;
    await expect(verify((await issue()).token)).resolves.toMatchObject({ userId: 'u-1' });
    expect(fetches()).toBe(3);
    // ...so when the new key starts signing, that fresh copy, still cooling down, already holds it.
    clock.ms = activatesAt.getTime();
    const first = (await issue()).token;
    expect(kidOf(first)).toBe(newKid);
    await expect(verify(first)).resolves.toMatchObject({ userId: 'u-1' });
    await expect(verifierWith(rightAfter)(first)).resolves.toMatchObject({ userId: 'u-1' });
    expect(fetches()).toBe(3);
  });

  it('rotates by age at start the same way: the old key signs until the new one activates, once', async () => {
    const oldKid = kidOf((await issue()).token);
    clock.advance(31 * 86_400_000); // older than SIGNING_KEY_ROTATION_DAYS (30)
    const restarted = await replica();
    const published = restarted.jwks().keys.map((k) => k.kid);
    expect(published).toHaveLength(2);
    const newKid = published.find((kid) => kid !== oldKid);

    await accounts.keys.reload();
    expect(kidOf((await issue(restarted)).token)).toBe(oldKid);
    expect(kidOf((await issue()).token)).toBe(oldKid);
    // A replica restarting during the delay sees a young next key and does not rotate again.
    clock.advance(ACTIVATION_DELAY_MS / 2);
    await replica();
    expect(await kids()).toEqual([oldKid, newKid].sort());

    clock.advance(ACTIVATION_DELAY_MS / 2);
    expect(kidOf((await issue(restarted)).token)).toBe(newKid);
    expect(kidOf((await issue()).token)).toBe(newKid);
  });

  it('replicas agree on the signing key before and after they reload, and switch together', async () => {
    const other = await replica();
    const oldKid = kidOf((await issue(other)).token);
    const { kid: newKid } = await accounts.keys.rotate();

    // The other replica has not reloaded: it does not publish the new key yet, but neither
    // replica signs with it, so no token meets a key set that lacks its kid.
    expect(other.jwks().keys.map((k) => k.kid)).toEqual([oldKid]);
    expect(kidOf((await issue()).token)).toBe(oldKid);
    expect(kidOf((await issue(other)).token)).toBe(oldKid);

    clock.advance(RELOAD_MS);
    await other.reload();
    expect(other.jwks()).toEqual(accounts.keys.jwks());

    // The switch follows the clock, not a reload.
    clock.advance(ACTIVATION_DELAY_MS - RELOAD_MS);
    expect(kidOf((await issue()).token)).toBe(newKid);
    expect(kidOf((await issue(other)).token)).toBe(newKid);
  });

  it('publishes a key given by the environment ahead too, while another key signs', async () => {
    const oldKid = kidOf((await issue()).token);
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const restarted = await replica(await exportJWK(privateKey));
    const givenKid = restarted
      .jwks()
      .keys.map((k) => k.kid)
      .find((kid) => kid !== oldKid);
    expect(givenKid).toBeDefined();
    expect(kidOf((await issue(restarted)).token)).toBe(oldKid);
    clock.advance(ACTIVATION_DELAY_MS);
    expect(kidOf((await issue(restarted)).token)).toBe(givenKid);
    // Restarting with the same key once it signs changes nothing.
    await replica(await exportJWK(privateKey));
    await accounts.keys.reload();
    expect(await kids()).toEqual([oldKid, givenKid].sort());
  });
});

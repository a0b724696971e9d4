import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnauthenticatedError } from '../errors/app-error.js';
import { ACCESS_TOKEN_ALGORITHM, createAccessTokenVerifier, remoteJwks } from './access-token.js';

const issuer = 'https://accounts.peerseed.local';
const audience = 'peerseed-api';

/** A signing key as accounts holds it: a kid, the public JWK it publishes, and a signer. */
async function signingKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
  // Real time (`new Date()`), not the mocked Date.now: the tokens stay valid throughout.
  const sign = (userId: string) => {
    const now = Math.floor(new Date().getTime() / 1000);
    return new SignJWT({ role: 'INVESTOR' })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(userId)
      .setIssuedAt(now)
      .setExpirationTime(now + 900)
      .sign(privateKey);
  };
  return { jwk, sign };
}

/** Stands in for accounts' /.well-known/jwks.json: serves `published`, counts the fetches. */
let published: JWK[] = [];
let fetches = 0;
let server: Server;
let jwksUrl: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  jest.restoreAllMocks();
});

/** Moves the clock the caches read (jose's key set and the verified-token cache) to `start + ms`. */
function clockAt(start: number) {
  let offset = 0;
  jest.spyOn(Date, 'now').mockImplementation(() => start + offset);
  return (ms: number) => {
    offset = ms;
  };
}

const newVerifier = () => createAccessTokenVerifier({ issuer, audience, keys: remoteJwks(jwksUrl) });

describe('remoteJwks (docs/adr/0002: how long a withdrawn key stays trusted)', () => {
  it('trusts a key withdrawn from the JWKS for at most 60 s, plus 60 s for a token verified just before', async () => {
    const [withdrawn, next] = [await signingKey('withdrawn'), await signingKey('next')];
    published = [withdrawn.jwk, next.jwk];
    fetches = 0;
    const at = clockAt(Date.now());
    const verify = newVerifier();

    const early = await withdrawn.sign('early');
    await expect(verify(early)).resolves.toMatchObject({ userId: 'early' });
    published = [next.jwk];

    // The key set is cached for up to 60 s: tokens of the withdrawn key still pass meanwhile.
    at(59_000);
    const late = await withdrawn.sign('late');
    await expect(verify(late)).resolves.toMatchObject({ userId: 'late' });
    expect(fetches).toBe(1);

    // Past 60 s the set is fetched again, and a token not verified before is refused.
    at(60_001);
    await expect(verify(await withdrawn.sign('new'))).rejects.toThrow(UnauthenticatedError);
    await expect(verify(early)).rejects.toThrow(UnauthenticatedError);
    expect(fetches).toBe(2);
    // `late`, verified at 59 s, is remembered until 119 s by the verified-token cache, no longer.
    await expect(verify(late)).resolves.toMatchObject({ userId: 'late' });
    at(119_001);
    await expect(verify(late)).rejects.toThrow(UnauthenticatedError);
  });

  it('fetches the key set again for an unknown kid, at most once per 30 s', async () => {
    const [current, rotated] = [await signingKey('current'), await signingKey('rotated')];
    published = [current.jwk];
    fetches = 0;
    const at = clockAt(Date.now());
    const verify = newVerifier();
    await expect(verify(await current.sign('a'))).resolves.toMatchObject({ userId: 'a' });

    published = [current.jwk, rotated.jwk];
    // Within jose's cooldown an unknown kid does not refetch: made-up kids cannot flood accounts.
    at(10_000);
    await expect(verify(await rotated.sign('b'))).rejects.toThrow(UnauthenticatedError);
    expect(fetches).toBe(1);
    at(30_001);
    await expect(verify(await rotated.sign('b'))).resolves.toMatchObject({ userId: 'b' });
    expect(fetches).toBe(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAccessTokenVerifier } from '@peerseed/shared';
import { createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { startTestAccounts, type TestAccounts } from './support/test-accounts.js';

class ShiftableClock {
  offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
}

describe('signing keys (real PostgreSQL)', () => {
  const clock = new ShiftableClock();
  let accounts: TestAccounts;
  beforeAll(async () => {
    accounts = await startTestAccounts({ ACCESS_TOKEN_TTL_SECONDS: '900' }, clock);
  });
  afterAll(async () => {
    await accounts.stop();
  });

  const jwks = async () =>
    (await (await fetch(new URL('/.well-known/jwks.json', accounts.url))).json()) as { keys: { kid: string }[] };

  it('rotates: new tokens use the new key, old tokens stay verifiable until they expire', async () => {
    const before = await accounts.keys.issue({ userId: 'u-1', role: 'INVESTOR' });
    const oldKid = decodeProtectedHeader(before.token).kid;
    const newKid = await accounts.keys.rotate();
    expect(newKid).not.toBe(oldKid);

    const after = await accounts.keys.issue({ userId: 'u-1', role: 'INVESTOR' });
    expect(decodeProtectedHeader(after.token).kid).toBe(newKid);

    const published = await jwks();
    expect(published.keys.map((k) => k.kid).sort()).toEqual([oldKid, newKid].sort());
    const verify = createAccessTokenVerifier({
      issuer: 'https://accounts.peerseed.local',
      audience: 'peerseed-api',
      keys: createLocalJWKSet(published as never),
    });
    await expect(verify(before.token)).resolves.toMatchObject({ userId: 'u-1', role: 'INVESTOR' });
    await expect(verify(after.token)).resolves.toMatchObject({ userId: 'u-1' });

    // Once every token the old key signed has expired, it is no longer published.
    clock.offsetMs = 931_000; // token lifetime + one key-set reload period
    await accounts.keys.rotate(); // also drops the cached key set
    const later = (await jwks()).keys.map((k) => k.kid);
    expect(later).not.toContain(oldKid);
    expect(later).toContain(newKid);
  });
});

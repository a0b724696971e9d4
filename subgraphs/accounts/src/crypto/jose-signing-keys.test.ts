import { afterEach, describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader } from 'jose';
import type { SigningKeyRecord, SigningKeyStore } from '../application/ports.js';
import { generateSigningKey, JoseSigningKeys, MIN_ACTIVATION_DELAY_SECONDS } from './jose-signing-keys.js';

const DELAY_S = 120;
const T0 = new Date('2026-12-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** Keys as the store holds them; `schedule` is not expected while a key signs. */
class FixedSigningKeyStore implements SigningKeyStore {
  constructor(private readonly keys: SigningKeyRecord[]) {}

  async publishable(retiredAfter: Date): Promise<SigningKeyRecord[]> {
    return this.keys.filter((key) => key.retiredAt === null || key.retiredAt > retiredAfter);
  }

  async schedule(): Promise<void> {
    throw new Error('unexpected schedule: a key signs already');
  }
}

describe('JoseSigningKeys: which key signs', () => {
  let keys: JoseSigningKeys | undefined;
  afterEach(() => keys?.stop());

  const signingKeys = (store: SigningKeyStore, clock: { now: () => Date }, activationDelaySeconds = DELAY_S) =>
    new JoseSigningKeys({
      store,
      clock,
      issuer: 'https://accounts.peerseed.local',
      audience: 'peerseed-api',
      accessTokenTtlSeconds: 900,
      rotateAfterSeconds: 30 * 86_400,
      activationDelaySeconds,
    });

  it('signs with the later activation when two rotations at once left the earlier next key unretired', async () => {
    // Two replicas rotated at the very same moment (docs/adr/0002): each retired the current
    // key, but neither retired the other's next key.
    const current = { ...(await generateSigningKey(T0)), retiredAt: at(DELAY_S) };
    const first = { ...(await generateSigningKey(at(10))), activatesAt: at(DELAY_S) };
    const second = { ...(await generateSigningKey(at(11))), activatesAt: at(DELAY_S + 1) };
    expect([first.retiredAt, second.retiredAt]).toEqual([null, null]);
    let now = at(11);
    keys = signingKeys(new FixedSigningKeyStore([current, first, second]), { now: () => now });
    await keys.start();
    const signer = async () =>
      decodeProtectedHeader((await keys!.issue({ userId: 'u-1', role: 'INVESTOR' })).token).kid;

    expect(await signer()).toBe(current.kid);
    now = at(DELAY_S);
    expect(await signer()).toBe(first.kid);
    now = at(DELAY_S + 1);
    expect(await signer()).toBe(second.kid);
    now = at(DELAY_S + 3600);
    expect(await signer()).toBe(second.kid);
  });

  it('refuses an activation delay shorter than a reload plus a verifier’s JWKS age', () => {
    const store = new FixedSigningKeyStore([]);
    const clock = { now: () => T0 };
    expect(() => signingKeys(store, clock, MIN_ACTIVATION_DELAY_SECONDS - 1)).toThrow(
      `activationDelaySeconds must be at least ${MIN_ACTIVATION_DELAY_SECONDS}`,
    );
    expect(() => signingKeys(store, clock, MIN_ACTIVATION_DELAY_SECONDS)).not.toThrow();
  });
});

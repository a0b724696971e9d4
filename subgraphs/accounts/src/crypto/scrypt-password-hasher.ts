import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../application/ports.js';

/** scrypt N=2^16, r=8, p=1 (OWASP's recommendation); 64 MiB per hash, so allow 128 MiB. */
const PARAMS = { N: 2 ** 16, r: 8, p: 1, maxmem: 128 * 1024 * 1024 } satisfies ScryptOptions;
const KEY_LENGTH = 32;
const PREFIX = `scrypt$ln=16,r=8,p=1$`;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, PARAMS, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes as `scrypt$ln=16,r=8,p=1$<salt>$<hash>` (base64url), so parameters can change later. */
export class ScryptPasswordHasher implements PasswordHasher {
  private readonly dummySalt = randomBytes(16);

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt);
    return `${PREFIX}${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  async verify(password: string, stored: string): Promise<boolean> {
    if (!stored.startsWith(PREFIX)) return false;
    const [salt, expected] = stored.slice(PREFIX.length).split('$');
    if (!salt || !expected) return false;
    const key = await derive(password, Buffer.from(salt, 'base64url'));
    const wanted = Buffer.from(expected, 'base64url');
    return wanted.length === key.length && timingSafeEqual(wanted, key);
  }

  async verifyDummy(password: string): Promise<void> {
    await derive(password, this.dummySalt);
  }
}

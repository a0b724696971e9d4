import { describe, expect, it } from '@jest/globals';
import { ScryptPasswordHasher } from './scrypt-password-hasher.js';

describe('ScryptPasswordHasher', () => {
  const hasher = new ScryptPasswordHasher();

  it('hashes with N=2^16, r=8, p=1 and a random salt, and verifies', async () => {
    const [a, b] = await Promise.all([hasher.hash('correct horse battery'), hasher.hash('correct horse battery')]);
    expect(a).toMatch(/^scrypt\$ln=16,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    await expect(hasher.verify('correct horse battery', a)).resolves.toBe(true);
    await expect(hasher.verify('correct horse batterY', a)).resolves.toBe(false);
    await expect(hasher.verify('correct horse battery', 'md5$whatever')).resolves.toBe(false);
  });
});

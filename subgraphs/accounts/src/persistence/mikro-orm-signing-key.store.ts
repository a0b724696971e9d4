import type { Orm } from '@peerseed/shared';
import type { SigningKeyRecord, SigningKeyStore } from '../application/ports.js';
import { SigningKeyEntity } from './entities.js';

/** Signing keys in the accounts database (see docs/adr/0003 for where production keeps them). */
export class MikroOrmSigningKeyStore implements SigningKeyStore {
  constructor(private readonly orm: Orm) {}

  active(): Promise<SigningKeyRecord | null> {
    return this.orm.em.fork().findOne(SigningKeyEntity, { retiredAt: null }, { orderBy: { createdAt: 'desc' } });
  }

  publishable(retiredAfter: Date): Promise<SigningKeyRecord[]> {
    return this.orm.em
      .fork()
      .find(
        SigningKeyEntity,
        { $or: [{ retiredAt: null }, { retiredAt: { $gt: retiredAfter } }] },
        { orderBy: { createdAt: 'desc' } },
      );
  }

  async activate(key: SigningKeyRecord, at: Date): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      await em.nativeUpdate(SigningKeyEntity, { retiredAt: null, kid: { $ne: key.kid } }, { retiredAt: at });
      const existing = await em.findOne(SigningKeyEntity, { kid: key.kid });
      if (existing) await em.nativeUpdate(SigningKeyEntity, { kid: key.kid }, { retiredAt: null });
      else await em.insert(SigningKeyEntity, key);
    });
  }
}

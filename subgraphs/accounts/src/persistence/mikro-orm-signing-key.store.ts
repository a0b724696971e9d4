import type { Orm } from '@peerseed/shared';
import type { SigningKeyRecord, SigningKeyStore } from '../application/ports.js';
import { SigningKeyEntity } from './entities.js';

/** Signing keys in the accounts database (see docs/adr/0003 for where production keeps them). */
export class MikroOrmSigningKeyStore implements SigningKeyStore {
  constructor(private readonly orm: Orm) {}

  publishable(retiredAfter: Date): Promise<SigningKeyRecord[]> {
    return this.orm.em
      .fork()
      .find(
        SigningKeyEntity,
        { $or: [{ retiredAt: null }, { retiredAt: { $gt: retiredAfter } }] },
        { orderBy: { activatesAt: 'desc' } },
      );
  }

  async schedule(key: SigningKeyRecord): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      // Every other key signing or waiting to sign stops when this one starts: one signs at a time.
      await em.nativeUpdate(
        SigningKeyEntity,
        { retiredAt: null, kid: { $ne: key.kid } },
        { retiredAt: key.activatesAt },
      );
      // A kid already stored (the environment's key, given again) keeps its key material and is rescheduled.
      await em.execute(
        `insert into "signing_keys" ("kid", "private_jwk", "public_jwk", "created_at", "activates_at", "retired_at")
          values (?, ?, ?, ?, ?, ?)
          on conflict ("kid") do update set "activates_at" = excluded."activates_at", "retired_at" = null`,
        [key.kid, key.privateJwk, key.publicJwk, key.createdAt, key.activatesAt, key.retiredAt],
      );
    });
  }
}

import { EntitySchema } from '@mikro-orm/core';
import { eventEntities } from '@peerseed/shared';
import type { RefreshToken } from '../domain/refresh-token.js';
import type { User } from '../domain/user.js';
import type { SigningKeyRecord } from '../application/ports.js';

// The domain types are plain interfaces; these schemas map them to tables, so the
// domain never sees the ORM. Column types match the committed migrations (a test checks).

export const UserEntity = new EntitySchema<User>({
  name: 'User',
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string', length: 120 },
    email: { type: 'string', length: 254, unique: 'users_email_unique' },
    role: { type: 'string', length: 16 },
    document: { type: 'string', length: 14, unique: 'users_document_unique' },
    personType: { type: 'string', length: 16 },
    passwordHash: { type: 'string', length: 255 },
    createdAt: { type: 'datetime', length: 3 },
    failedLoginCount: { type: 'integer', default: 0 },
    lockedUntil: { type: 'datetime', length: 3, nullable: true },
  },
});

export const RefreshTokenEntity = new EntitySchema<RefreshToken>({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  indexes: [{ name: 'refresh_tokens_family_index', properties: ['familyId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    familyId: { type: 'uuid' },
    userId: { type: 'uuid' },
    tokenHash: { type: 'string', length: 64, unique: 'refresh_tokens_hash_unique' },
    createdAt: { type: 'datetime', length: 3 },
    expiresAt: { type: 'datetime', length: 3 },
    rotatedAt: { type: 'datetime', length: 3, nullable: true },
    revokedAt: { type: 'datetime', length: 3, nullable: true },
  },
});

export const SigningKeyEntity = new EntitySchema<SigningKeyRecord>({
  name: 'SigningKey',
  tableName: 'signing_keys',
  properties: {
    kid: { type: 'string', length: 64, primary: true },
    privateJwk: { type: 'text' },
    publicJwk: { type: 'text' },
    createdAt: { type: 'datetime', length: 3 },
    activatesAt: { type: 'datetime', length: 3 },
    retiredAt: { type: 'datetime', length: 3, nullable: true },
  },
});

export const accountsEntities = [UserEntity, RefreshTokenEntity, SigningKeyEntity, ...eventEntities];

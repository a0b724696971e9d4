import type { Role } from '@peerseed/shared/domain';
import type { RefreshToken } from '../domain/refresh-token.js';
import type { User } from '../domain/user.js';

/** Users as the use cases need them. */
export interface UserRepository {
  findById(id: string): Promise<User | null>;
  findByIds(ids: readonly string[]): Promise<User[]>;
  /** Loads the user and locks its row until the transaction ends (serialises logins per account). */
  findByEmailForUpdate(email: string): Promise<User | null>;
  emailExists(email: string): Promise<boolean>;
  documentExists(document: string): Promise<boolean>;
  anyWithRole(role: Role): Promise<boolean>;
  add(user: User): Promise<void>;
  /** Saves the throttling counters of a user loaded in this transaction. */
  saveLoginState(user: User): Promise<void>;
}

export interface RefreshTokenRepository {
  /** Loads by hash and locks the row, so one token is rotated once even under concurrent use. */
  findByHashForUpdate(tokenHash: string): Promise<RefreshToken | null>;
  add(token: RefreshToken): Promise<void>;
  markRotated(id: string, at: Date): Promise<void>;
  revokeFamily(familyId: string, at: Date): Promise<void>;
}

/** Domain events, recorded in the same transaction as the change that caused them. */
export interface AccountsEvents {
  userRegistered(user: User): Promise<void>;
}

/** The repositories (and event outbox) of one database transaction. */
export interface AccountsTransaction {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  events: AccountsEvents;
}

/** Runs work in one database transaction: all of it commits, or none. */
export interface UnitOfWork {
  run<T>(work: (tx: AccountsTransaction) => Promise<T>): Promise<T>;
  /** Reads outside an explicit transaction (no BEGIN/COMMIT round trips). */
  read<T>(work: (tx: AccountsTransaction) => Promise<T>): Promise<T>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** Spends the same time as a real verify, so unknown emails cannot be told apart by timing. */
  verifyDummy(password: string): Promise<void>;
}

export interface AccessTokenClaims {
  userId: string;
  role: Role;
}

export interface AccessTokenIssuer {
  issue(claims: AccessTokenClaims): Promise<{ token: string; expiresIn: number }>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}

/** Opaque, high-entropy refresh tokens and their stored hashes. */
export interface OpaqueTokenFactory {
  create(): string;
  hash(token: string): string;
}

/**
 * A signing key and its life: published from `createdAt`, signs from `activatesAt` until
 * `retiredAt`, published until the tokens it signed have expired (docs/adr/0002).
 */
export interface SigningKeyRecord {
  kid: string;
  /** JSON of the private JWK. */
  privateJwk: string;
  /** JSON of the public JWK. */
  publicJwk: string;
  createdAt: Date;
  /** When it starts signing; a rotation sets it ahead, so verifiers hold the key before its first token. */
  activatesAt: Date;
  /** When it stops signing: the next key's `activatesAt`; null while no next key is scheduled. */
  retiredAt: Date | null;
}

export interface SigningKeyStore {
  /** Keys not retired by `retiredAfter`: the one signing, the next one, and recently retired ones. */
  publishable(retiredAfter: Date): Promise<SigningKeyRecord[]>;
  /**
   * Stores `key` (or, when its kid exists, reschedules it) to sign from `key.activatesAt`, and
   * retires every other key not yet retired at that moment, atomically.
   */
  schedule(key: SigningKeyRecord): Promise<void>;
}

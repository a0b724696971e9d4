import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomCpf } from '@peerseed/shared/testing';
import { accountsMigrations } from '../src/persistence/migrations/index.js';
import { graphql, startTestAccounts, type TestAccounts } from './support/test-accounts.js';

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { refreshToken user { id } } }`;
const REFRESH = `mutation ($t: String!) { refreshToken(refreshToken: $t) { refreshToken } }`;
const input = (email: string) => ({
  name: 'Ana Souza',
  email,
  password: 'a long enough passphrase',
  document: randomCpf(),
  role: 'INVESTOR',
});

describe('accounts persistence (real PostgreSQL)', () => {
  let accounts: TestAccounts;
  beforeAll(async () => {
    accounts = await startTestAccounts();
  });
  afterAll(async () => {
    await accounts.stop();
  });

  it('applies the committed migrations, and they match the entity mapping', async () => {
    const applied = await accounts.orm.em
      .getConnection()
      .execute<{ name: string }[]>('select name from mikro_orm_migrations');
    expect(applied.map((m) => m.name)).toEqual(accountsMigrations.map((m) => m.name));
    const drift = await accounts.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(drift.trim()).toBe('');
  });

  it('lets exactly one of many concurrent sign-ups with the same email through', async () => {
    const email = `race.${Date.now()}@example.com`;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => graphql(accounts.url, REGISTER, { input: input(email) })),
    );
    const codes = results.map((r) => r.errors?.[0]?.extensions?.['code'] ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'CONFLICT')).toBe(true);
    const rows = await accounts.orm.em.getConnection().execute('select id from users where email = ?', [email]);
    expect(rows).toHaveLength(1);
  });

  it('rotates a refresh token once under concurrent use and then revokes its family', async () => {
    const registered = await graphql(accounts.url, REGISTER, { input: input(`rotate.${Date.now()}@example.com`) });
    const token = registered.data.register.refreshToken as string;
    const userId = registered.data.register.user.id as string;
    const results = await Promise.all(Array.from({ length: 5 }, () => graphql(accounts.url, REFRESH, { t: token })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.['code'] === 'UNAUTHENTICATED')).toHaveLength(4);
    const family = await accounts.orm.em
      .getConnection()
      .execute<{ revoked_at: Date | null }[]>('select revoked_at from refresh_tokens where user_id = ?', [userId]);
    expect(family).toHaveLength(2);
    expect(family.every((t) => t.revoked_at !== null)).toBe(true);
  });

  it('never stores a refresh token or a password in the clear', async () => {
    const registered = await graphql(accounts.url, REGISTER, { input: input(`clear.${Date.now()}@example.com`) });
    const token = registered.data.register.refreshToken as string;
    const dump = JSON.stringify(await accounts.orm.em.getConnection().execute('select * from refresh_tokens, users'));
    expect(dump).not.toContain(token);
    expect(dump).not.toContain('a long enough passphrase');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomCpf } from '@peerseed/shared/testing';
import { graphql, startTestAccounts, type TestAccounts } from './support/test-accounts.js';

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken tokenType expiresIn user { id name role email } } }`;

describe('accounts subgraph (real PostgreSQL)', () => {
  let accounts: TestAccounts;
  beforeAll(async () => {
    accounts = await startTestAccounts();
  });
  afterAll(async () => {
    await accounts.stop();
  });

  it('registers, then answers me with the token', async () => {
    const input = {
      name: 'Ana Souza',
      email: ' Ana@Example.com ',
      password: 'correct horse battery',
      document: randomCpf(),
      role: 'INVESTOR',
    };
    const registered = await graphql(accounts.url, REGISTER, { input });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.register.user).toMatchObject({
      name: 'Ana Souza',
      role: 'INVESTOR',
      email: 'ana@example.com',
    });
    expect(registered.data.register.tokenType).toBe('Bearer');
    expect(registered.data.register.expiresIn).toBe(900);
    const me = await graphql(
      accounts.url,
      '{ me { id email } }',
      {},
      { authorization: `Bearer ${registered.data.register.accessToken}` },
    );
    expect(me.data.me).toEqual({ id: registered.data.register.user.id, email: 'ana@example.com' });
  });

  it('publishes the JWKS', async () => {
    const response = await fetch(new URL('/.well-known/jwks.json', accounts.url));
    const jwks = (await response.json()) as { keys: { kid: string; kty: string; crv: string; d?: string }[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
  });
});

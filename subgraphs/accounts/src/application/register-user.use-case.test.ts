import { describe, expect, it } from '@jest/globals';
import { ConflictError, ValidationError } from '@peerseed/shared/domain';
import { accountsFixture } from '../../test/fakes/in-memory-accounts.js';
import type { RegisterUserInput } from './register-user.use-case.js';

const valid: RegisterUserInput = {
  name: 'Fazenda Boa Vista',
  email: 'contato@boavista.com.br',
  password: 'a long enough passphrase',
  document: '11.222.333/0001-81',
  role: 'PRODUCER',
};

describe('RegisterUser', () => {
  const setup = () => accountsFixture();

  it('stores a normalised user with its person type and hashed password, and signs it in', async () => {
    const { db, register } = setup();
    const session = await register.execute({ ...valid, email: ' Contato@BoaVista.com.br' });
    const stored = db.users.get(session.user.id)!;
    expect(stored).toMatchObject({
      email: 'contato@boavista.com.br',
      document: '11222333000181',
      personType: 'COMPANY',
    });
    expect(stored.passwordHash).toBe(`plain:${valid.password}`); // went through the hasher port
    expect(db.tokens.size).toBe(1);
    expect(db.events).toEqual([{ type: 'UserRegistered', userId: session.user.id }]);
  });

  it.each([
    [{ document: '11.222.333/0001-82' }, 'document'],
    [{ password: 'too short' }, 'password'],
    [{ email: 'nope' }, 'email'],
    [{ role: 'ADMIN' as const }, 'role'],
  ])('refuses %p and writes nothing', async (change, field) => {
    const { db, register } = setup();
    const error = await register.execute({ ...valid, ...change }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details['field']).toBe(field);
    expect([db.users.size, db.tokens.size, db.events.length]).toEqual([0, 0, 0]);
  });

  it('refuses a second account with the same email or document', async () => {
    const { db, register } = setup();
    await register.execute(valid);
    await expect(register.execute({ ...valid, document: '52998224725' })).rejects.toBeInstanceOf(ConflictError);
    await expect(register.execute({ ...valid, email: 'other@boavista.com.br' })).rejects.toBeInstanceOf(ConflictError);
    expect(db.users.size).toBe(1);
  });
});

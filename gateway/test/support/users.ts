import { randomCpf } from '@peerseed/shared/testing';
import { LoginDocument, RegisterDocument, type Role } from '../generated/graphql.js';
import { execute } from './graphql-client.js';

let counter = 0;

/** Registers a user through the gateway and returns its id and access token. */
export async function registerUser(
  url: string,
  role: Extract<Role, 'INVESTOR' | 'PRODUCER'>,
  name = `${role} ${++counter}`,
) {
  const result = await execute(url, RegisterDocument, {
    input: {
      name,
      email: `${role.toLowerCase()}.${Date.now()}.${++counter}@example.com`,
      password: 'a long enough passphrase',
      document: randomCpf(),
      role,
    },
  });
  if (!result.data) throw new Error(`could not register: ${JSON.stringify(result.errors)}`);
  return { id: result.data.register.user.id, token: result.data.register.accessToken, name };
}

/** The development ADMIN seeded at start. */
export async function loginAdmin(url: string) {
  const result = await execute(url, LoginDocument, { email: 'admin@peerseed.local', password: 'peerseed-admin-dev' });
  return { id: result.data!.login.user.id, token: result.data!.login.accessToken };
}

/** A counter from a service's Prometheus /metrics (0 when absent). */
export async function metric(serviceGraphqlUrl: string, name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', serviceGraphqlUrl))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

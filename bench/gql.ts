import { randomCpf } from '@peerseed/shared/testing';

/** A GraphQL request over HTTP (the gateway or a subgraph); GraphQL errors throw. */
export async function gql(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** The development admin's access token (created at start by accounts; README). */
export async function adminToken(url: string): Promise<string> {
  const data = await gql(
    url,
    `mutation { login(email: "admin@peerseed.local", password: "peerseed-admin-dev") { accessToken } }`,
    {},
  );
  return data.login.accessToken as string;
}

const stamp = Date.now();

/** Registers a new user of `role` (the `i`-th of this run) and returns its access token. */
export async function register(url: string, role: 'INVESTOR' | 'PRODUCER', i = 0): Promise<string> {
  const data = await gql(url, `mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }`, {
    i: {
      name: `Bench ${role.toLowerCase()} ${i}`,
      email: `bench.${role.toLowerCase()}${i}.${stamp}@example.com`,
      password: 'a long enough passphrase',
      document: randomCpf(),
      role,
    },
  });
  return data.register.accessToken as string;
}

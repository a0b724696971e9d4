import { describe, expect, it } from '@jest/globals';
import type { Logger } from '@peerseed/shared';
import type { GatewayContext } from '../gateway-context.js';
import { coalesceQueries } from './coalesced-query.js';

const as = (userId: string, role: 'INVESTOR' | 'ADMIN' = 'INVESTOR'): GatewayContext => ({
  requestId: userId,
  logger: {} as Logger,
  identity: { userId, role, expiresAt: new Date(Date.now() + 60_000) },
});

describe('coalesceQueries', () => {
  it('asks once for the same viewer and question in flight; apart for another viewer, role, question or later', async () => {
    const asked: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const query = coalesceQueries(async (text, variables, context) => {
      asked.push(`${context.identity!.userId}/${context.identity!.role} ${text} ${JSON.stringify(variables)}`);
      await gate;
      return { data: { n: asked.length } };
    });
    const answers = Promise.all([
      query('{ a }', { id: 1 }, as('ana')),
      query('{ a }', { id: 1 }, as('ana')),
      query('{ a }', { id: 1 }, as('bia')),
      query('{ a }', { id: 1 }, as('ana', 'ADMIN')),
      query('{ a }', { id: 2 }, as('ana')),
      query('{ b }', { id: 1 }, as('ana')),
    ]);
    release();
    const [first, second] = await answers;
    expect(second).toBe(first);
    expect(asked).toHaveLength(5);
    await query('{ a }', { id: 1 }, as('ana'));
    expect(asked).toHaveLength(6); // settled answers are not kept
  });

  it('shares a failure with those waiting for it, and asks again afterwards', async () => {
    let calls = 0;
    const query = coalesceQueries(async () => {
      calls++;
      throw new Error('subgraph down');
    });
    const results = await Promise.allSettled([query('{ a }', {}, as('ana')), query('{ a }', {}, as('ana'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    await expect(query('{ a }', {}, as('ana'))).rejects.toThrow('subgraph down');
    expect(calls).toBe(2);
  });
});

import DataLoader from 'dataloader';

/**
 * Batches by-id lookups made while one request resolves (federation's
 * `__resolveReference`, field resolvers), so a page of N rows costs one query.
 * `load` must return the found items; missing ids resolve to null.
 */
export function createEntityLoader<T extends { id: string }>(
  load: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const found = new Map((await load(ids)).map((item) => [item.id, item]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

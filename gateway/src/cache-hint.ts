import type { CacheHint } from '@apollo/cache-control-types';

/**
 * A subgraph's Cache-Control header as a cache hint for the gateway's response, as
 * Apollo's RemoteGraphQLDataSource reads it: no max-age means "do not cache".
 */
export function cacheHintFromHeader(header: string | undefined): CacheHint {
  const hint: CacheHint = { maxAge: 0 };
  if (!header) return hint;
  for (const part of header.trim().split(/\s*,\s*/)) {
    const [name, value] = part.split(/\s*=\s*/, 2);
    if (name === 'max-age' && value && /^"?[0-9]+"?$/.test(value)) hint.maxAge = Number(value.replace(/"/g, ''));
    if (name === 'private') hint.scope = 'PRIVATE';
    if (name === 'public') hint.scope = 'PUBLIC';
  }
  return hint;
}

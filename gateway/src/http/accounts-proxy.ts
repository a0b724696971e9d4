import express, { type RequestHandler, type Router } from 'express';

const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'pragma', 'retry-after'];

/**
 * The gateway is the only public endpoint, so it also serves accounts' OAuth2 token
 * endpoint and JWKS by forwarding them verbatim (subgraphs stay private). `limitTokenRequests`
 * (the sign-in rate limit) runs on a token request's body, read capped at 4 kB.
 */
export function createAccountsProxy(accountsGraphqlUrl: string, limitTokenRequests: RequestHandler): Router {
  const router = express.Router();
  const forward = (path: string) =>
    async function (req: express.Request, res: express.Response) {
      try {
        const upstream = await fetch(new URL(path, accountsGraphqlUrl), {
          method: req.method,
          headers: { 'content-type': req.headers['content-type'] ?? 'application/octet-stream' },
          ...(req.method === 'POST' ? { body: req.body as Buffer } : {}),
          signal: AbortSignal.timeout(10_000),
        });
        res.status(upstream.status);
        for (const name of FORWARDED_RESPONSE_HEADERS) {
          const value = upstream.headers.get(name);
          if (value) res.setHeader(name, value);
        }
        res.send(Buffer.from(await upstream.arrayBuffer()));
      } catch {
        res.status(502).json({ error: 'temporarily_unavailable', error_description: 'Accounts service unavailable' });
      }
    };
  router.get('/.well-known/jwks.json', forward('/.well-known/jwks.json'));
  router.post(
    '/oauth/token',
    express.raw({ type: () => true, limit: '4kb' }),
    limitTokenRequests,
    forward('/oauth/token'),
  );
  return router;
}

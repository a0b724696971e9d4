import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { createGraphqlIdeRouter } from '../../src/http/graphql-ide.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every src/href attribute value of the page. */
function referencedUrls(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => decodeAttribute(match[1] ?? ''));
}

describe('GraphiQL IDE router', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    const app = express();
    app.use(createGraphqlIdeRouter({ graphqlPath: '/graphql' }));
    // Stands in for Apollo Server's GET handler.
    app.get('/graphql', (_req, res) => {
      res.json({ fallback: true });
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  async function fetchPage(): Promise<{ response: Response; html: string }> {
    const response = await fetch(`${baseUrl}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    return { response, html: await response.text() };
  }

  it('returns the IDE page to browsers, with a strict CSP', async () => {
    const { response, html } = await fetchPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<div id="graphiql"');
    expect(html).toContain('data-graphql-path="/graphql"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
    expect(html).not.toMatch(/<style|\bstyle="/); // no inline styles

    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`nonce="${nonce}"`);
  });

  it('uses a fresh nonce per page', async () => {
    const first = (await fetchPage()).response.headers.get('content-security-policy');
    const second = (await fetchPage()).response.headers.get('content-security-policy');
    expect(first).not.toEqual(second);
  });

  it('presets an Authorization header for the headers editor', async () => {
    const { html } = await fetchPage();
    const raw = /data-default-headers="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(JSON.parse(decodeAttribute(raw))).toEqual({ Authorization: 'Bearer <paste your access token>' });
  });

  it('references no other host', async () => {
    const { html } = await fetchPage();
    expect(html).not.toMatch(/https?:\/\//i);
    const urls = referencedUrls(html);
    expect(urls.length).toBeGreaterThanOrEqual(6);
    for (const url of urls) {
      expect(url.startsWith('/')).toBe(true);
      expect(url.startsWith('//')).toBe(false);
    }
  });

  it('serves every referenced asset itself, with the right content type', async () => {
    const { html } = await fetchPage();
    for (const url of referencedUrls(html)) {
      expect(url.startsWith('/graphql/ide/assets/')).toBe(true);
      const response = await fetch(`${baseUrl}${url}`);
      const body = await response.text();
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      const expectedType = url.split('?')[0]?.endsWith('.css') ? /^text\/css/ : /^text\/javascript/;
      expect(response.headers.get('content-type')).toMatch(expectedType);
      expect(response.headers.get('cache-control')).toContain('immutable');
      expect(body.length).toBeGreaterThan(url.includes('graphql-ide.') ? 50 : 5_000);
    }
  });

  it('boots GraphiQL with createFetcher, which the UMD bundle exposes', async () => {
    const { html } = await fetchPage();
    const urls = referencedUrls(html);
    const bootUrl = urls.find((url) => url.includes('graphql-ide.boot.js'));
    const bundleUrl = urls.find((url) => url.includes('graphiql.min.js'));
    const boot = await (await fetch(`${baseUrl}${bootUrl}`)).text();
    const bundle = await (await fetch(`${baseUrl}${bundleUrl}`)).text();
    expect(boot).toContain('GraphiQL.createFetcher');
    expect(boot).toContain('subscriptionUrl');
    expect(bundle).toContain('.createFetcher=function');
  });

  it('answers a revalidation with 304', async () => {
    const { html } = await fetchPage();
    const url = referencedUrls(html).find((candidate) => candidate.includes('graphiql.min.css'));
    const first = await fetch(`${baseUrl}${url}`);
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    // fetch adds `cache-control: no-cache` to conditional requests unless told otherwise, as browsers don't.
    const second = await fetch(`${baseUrl}${url}`, {
      headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' },
    });
    expect(second.status).toBe(304);
  });

  it.each(['application/json', '*/*', 'application/graphql-response+json'])(
    'lets GET %s fall through to the GraphQL server',
    async (accept) => {
      const response = await fetch(`${baseUrl}/graphql?query=%7B__typename%7D`, { headers: { accept } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ fallback: true });
    },
  );

  it('does not serve unknown asset names', async () => {
    const response = await fetch(`${baseUrl}/graphql/ide/assets/package.json`);
    expect(response.status).toBe(404);
  });
});

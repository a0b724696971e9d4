import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router, type Request, type Response } from 'express';

/** Options of {@link createGraphqlIdeRouter}. */
export interface GraphqlIdeOptions {
  /** Path Apollo Server is mounted on, e.g. `/graphql`; the IDE posts there and serves its assets below it. */
  graphqlPath: string;
}

interface IdeAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

// Boot script as a static asset, so the page needs no inline script and CSP can stay `script-src 'self'`.
// The per-request nonce travels on its <script> tag: react-remove-scroll (GraphiQL's dialogs) reads
// `__webpack_nonce__` to tag the <style> it injects, which `style-src 'self' 'nonce-…'` then allows.
const BOOT_SCRIPT = `(function () {
  'use strict';
  var script = document.currentScript;
  if (script && script.nonce) window.__webpack_nonce__ = script.nonce;
  var root = document.getElementById('graphiql');
  var path = root.getAttribute('data-graphql-path');
  var wsProtocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  var fetcher = GraphiQL.createFetcher({
    url: path,
    subscriptionUrl: wsProtocol + '//' + location.host + path,
  });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      defaultHeaders: root.getAttribute('data-default-headers'),
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
`;

const PAGE_CSS = 'html, body { height: 100%; margin: 0; }\n#graphiql { height: 100vh; }\n';

const DEFAULT_HEADERS = JSON.stringify({ Authorization: 'Bearer <paste your access token>' }, null, 2);

/** Reads the vendored UMD bundles once; resolved through package.json so it works from src and from dist. */
function loadAssets(): Map<string, IdeAsset> {
  const require = createRequire(import.meta.url);
  const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));
  const js = 'text/javascript; charset=utf-8';
  const css = 'text/css; charset=utf-8';
  const sources: Array<[string, Buffer, string]> = [
    ['react.production.min.js', readFileSync(join(packageDir('react'), 'umd/react.production.min.js')), js],
    ['react-dom.production.min.js', readFileSync(join(packageDir('react-dom'), 'umd/react-dom.production.min.js')), js],
    ['graphiql.min.js', readFileSync(join(packageDir('graphiql'), 'graphiql.min.js')), js],
    ['graphiql.min.css', readFileSync(join(packageDir('graphiql'), 'graphiql.min.css')), css],
    ['graphql-ide.boot.js', Buffer.from(BOOT_SCRIPT), js],
    ['graphql-ide.css', Buffer.from(PAGE_CSS), css],
  ];
  const assets = new Map<string, IdeAsset>();
  for (const [name, body, contentType] of sources) {
    const etag = createHash('sha256').update(body).digest('base64url').slice(0, 16);
    assets.set(name, { body, contentType, etag });
  }
  return assets;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function renderPage(graphqlPath: string, assetUrl: (name: string) => string, nonce: string): string {
  const attr = escapeAttribute;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Peerseed GraphQL IDE</title>
<link rel="stylesheet" href="${attr(assetUrl('graphiql.min.css'))}">
<link rel="stylesheet" href="${attr(assetUrl('graphql-ide.css'))}">
</head>
<body>
<div id="graphiql" data-graphql-path="${attr(graphqlPath)}" data-default-headers="${attr(DEFAULT_HEADERS)}">Loading GraphiQL…</div>
<script src="${attr(assetUrl('react.production.min.js'))}"></script>
<script src="${attr(assetUrl('react-dom.production.min.js'))}"></script>
<script src="${attr(assetUrl('graphiql.min.js'))}"></script>
<script src="${attr(assetUrl('graphql-ide.boot.js'))}" nonce="${nonce}"></script>
</body>
</html>
`;
}

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    // GraphiQL's CSS embeds its fonts and icons as data: URIs.
    "font-src 'self' data:",
    "img-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Browsers navigating to the endpoint prefer HTML; GraphQL clients (GET queries) prefer JSON or send `*\/*`. */
function prefersHtml(req: Request): boolean {
  return (
    req.accepts(['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html']) ===
    'text/html'
  );
}

/**
 * Serves a self-contained GraphiQL IDE (no CDN: React, ReactDOM and GraphiQL are served by the gateway)
 * at `GET <graphqlPath>` for browsers, with its assets under `<graphqlPath>/ide/assets/<name>`.
 * Every other `GET <graphqlPath>` falls through to Apollo Server. Mount it before Apollo's middleware.
 */
export function createGraphqlIdeRouter(options: GraphqlIdeOptions): Router {
  const graphqlPath = options.graphqlPath.replace(/\/+$/, '') || '/';
  const assetBase = `${graphqlPath === '/' ? '' : graphqlPath}/ide/assets`;
  const assets = loadAssets();
  // The content hash in the URL makes the assets safe to cache forever.
  const assetUrl = (name: string): string => `${assetBase}/${name}?v=${assets.get(name)?.etag ?? ''}`;
  const router = Router();

  router.get(graphqlPath, (req, res, next) => {
    if (!prefersHtml(req)) return next();
    const nonce = randomBytes(16).toString('base64');
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': contentSecurityPolicy(nonce),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        Vary: 'Accept',
      })
      .send(renderPage(graphqlPath, assetUrl, nonce));
  });

  router.get(`${assetBase}/:name`, (req: Request<{ name: string }>, res: Response, next) => {
    const asset = assets.get(req.params.name);
    if (!asset) return next();
    res.set({
      'Content-Type': asset.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      ETag: `"${asset.etag}"`,
    });
    // res.send answers conditional requests (If-None-Match) with 304 itself.
    res.status(200).send(asset.body);
  });

  return router;
}

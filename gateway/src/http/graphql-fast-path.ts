import { runWithCorrelation, settleRequestId, type Logger } from '@peerseed/shared';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { RequestWithBody } from './graphql-handler.js';
import { answerBodyProblem } from './json-body-errors.js';

const JSON_TYPE = /^application\/json\s*(?:;\s*charset="?utf-8"?\s*)?$/i;
const JSON_START = /^[\s]*[[{]/; // body-parser's strict mode: objects and arrays only

/** Whether a request is the common case the fast path serves; anything else goes to express. */
const isPlainJsonPost = (req: IncomingMessage, path: string) =>
  req.method === 'POST' &&
  (req.url === path || req.url!.startsWith(`${path}?`)) &&
  JSON_TYPE.test(req.headers['content-type'] ?? '') &&
  (req.headers['content-encoding'] ?? 'identity') === 'identity';

/**
 * `POST /graphql` with a plain JSON body — nearly all of the gateway's traffic — served
 * without express: its router, body-parser and their helpers were about a tenth of the
 * gateway's CPU per request. It does what that chain did for this case: the request id
 * (header, response header, log correlation), the body limit (413), strict JSON (400), an
 * empty body as `{}`. Other methods, paths, content types and encodings go to `app`.
 */
export function graphqlFastPath(
  app: RequestListener,
  options: {
    path: string;
    maxBodyBytes: number;
    handle: (req: RequestWithBody, res: ServerResponse) => Promise<void>;
    logger: Logger;
  },
): RequestListener {
  const fail = (res: ServerResponse) => (error: unknown) => {
    options.logger.error({ err: error }, 'GraphQL request failed');
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('Internal Server Error');
  };
  return (req, res) => {
    if (!isPlainJsonPost(req, options.path)) return app(req, res);
    const id = settleRequestId(req, res);
    if (Number(req.headers['content-length'] ?? 0) > options.maxBodyBytes) return answerBodyProblem(res, 'too-large');
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= options.maxBodyBytes) chunks.push(chunk);
      else if (!res.headersSent) answerBodyProblem(res, 'too-large');
    });
    req.on('end', () => {
      if (length > options.maxBodyBytes) return;
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
      let body: unknown;
      try {
        if (text !== '' && !JSON_START.test(text)) throw new SyntaxError('not an object or array');
        body = text === '' ? {} : JSON.parse(text);
      } catch {
        return answerBodyProblem(res, 'not-json');
      }
      Object.assign(req, { body });
      runWithCorrelation(id, () => options.handle(req, res)).catch(fail(res));
    });
  };
}

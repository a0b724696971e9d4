import { MAX_VIEWER_BATCH_BYTES, REQUEST_ID_HEADER, type ViewerBatchItem } from '@peerseed/shared';
import { STATUS_CODES, type OutgoingHttpHeaders } from 'node:http';
import type { SubgraphEndpoint, SubgraphHttpClient, SubgraphHttpResponse } from './subgraph-http-client.js';

/** One answer of a viewer batch (shared/src/server/viewer-batch.ts). */
interface BatchAnswer {
  status: number;
  contentType: string;
  cacheControl: string | null;
  body?: unknown;
  text?: string;
}

interface Waiting {
  item: string;
  resolve: (response: SubgraphHttpResponse) => void;
  reject: (error: unknown) => void;
}

/** The calls waiting for one subgraph. */
interface Pending {
  endpoint: SubgraphEndpoint;
  waiting: Waiting[];
  chars: number;
}

/** Characters of one batch's operations: at most 3 UTF-8 bytes each, under what a subgraph accepts in one body. */
const MAX_BATCH_CHARS = Math.floor(MAX_VIEWER_BATCH_BYTES / 3);

/**
 * Sends the subgraph calls of different viewers made in the same event-loop turn to a
 * subgraph as one POST to its viewer batch (`/graphql-batch`), at most `maxItems` each:
 * a subscription event is resolved as each of its ~200 viewers at once, and one HTTP
 * request per viewer (both ends' HTTP machinery, a round trip each on two shared cores)
 * was most of the gateway's and the wallet's time per event. Each call keeps its own
 * Authorization and request id, which the subgraph verifies and runs apart; each caller
 * gets its own answer as if it had posted alone (a failed batch fails each of its calls).
 */
export function viewerBatches(post: SubgraphHttpClient, maxItems = 32): SubgraphHttpClient {
  // By URL: one subgraph's calls go together whichever data source makes them.
  const pending = new Map<string, Pending>();

  const send = async (endpoint: SubgraphEndpoint, batch: Waiting[]) => {
    try {
      const response = await post(
        endpoint.batch!,
        { 'content-type': 'application/json' },
        `[${batch.map((w) => w.item).join(',')}]`,
      );
      if (response.status !== 200) {
        for (const w of batch) w.resolve(response); // the same failure for each, mapped as for one call
        return;
      }
      const answers = JSON.parse(response.body.toString('utf8')) as BatchAnswer[];
      if (!Array.isArray(answers) || answers.length !== batch.length) {
        throw new Error(`the subgraph answered a batch of ${batch.length} operations with ${answers?.length} answers`);
      }
      batch.forEach((w, i) => {
        const answer = answers[i]!;
        w.resolve({
          status: answer.status,
          statusText: STATUS_CODES[answer.status] ?? '',
          headers: {
            'content-type': answer.contentType,
            ...(answer.cacheControl ? { 'cache-control': answer.cacheControl } : {}),
          },
          body: Buffer.from(answer.text ?? ''),
          ...('body' in answer ? { json: answer.body } : {}),
        });
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  };

  /** Sends what is gathered for `url` now. */
  const dispatch = (url: string) => {
    const batch = pending.get(url);
    if (!batch) return;
    pending.delete(url);
    void send(batch.endpoint, batch.waiting);
  };

  return (endpoint, headers: OutgoingHttpHeaders, body) => {
    if (!endpoint.batch) return post(endpoint, headers, body);
    const item: Omit<ViewerBatchItem, 'request'> = {};
    if (typeof headers['authorization'] === 'string') item.authorization = headers['authorization'];
    if (typeof headers[REQUEST_ID_HEADER] === 'string') item.requestId = headers[REQUEST_ID_HEADER];
    // The call's own JSON body goes in as it is.
    const text = `${JSON.stringify(item).slice(0, -1)}${item.authorization || item.requestId ? ',' : ''}"request":${body}}`;
    return new Promise((resolve, reject) => {
      // Large documents: what is gathered goes now, this call starts the next batch.
      if ((pending.get(endpoint.url)?.chars ?? 0) + text.length > MAX_BATCH_CHARS) dispatch(endpoint.url);
      let batch = pending.get(endpoint.url);
      if (!batch) {
        pending.set(endpoint.url, (batch = { endpoint, waiting: [], chars: 0 }));
        const started = batch;
        // (unless it was sent when it filled up)
        setImmediate(() => pending.get(endpoint.url) === started && dispatch(endpoint.url));
      }
      batch.waiting.push({ item: text, resolve, reject });
      batch.chars += text.length;
      // A full batch goes at once: the subgraph starts on it while this turn makes the next calls.
      if (batch.waiting.length === maxItems) dispatch(endpoint.url);
    });
  };
}

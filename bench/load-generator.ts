/**
 * The load generator's own process (runLoad forks it), so neither the bench script's work
 * nor its event loop shares a thread with the load. It speaks HTTP/1.1 over raw keep-alive
 * sockets with one request pre-encoded once: a lighter client leaves more of the shared
 * cores to the servers being measured, the same on every path.
 */
import { connect, type Socket } from 'node:net';
import { percentile, type LoadOptions, type LoadResult } from './load.js';

const HEADER_END = Buffer.from('\r\n\r\n');
const ERRORS_KEY = Buffer.from('"errors"');

function encodeRequest({ url, body, headers }: LoadOptions): Buffer {
  const target = new URL(url);
  const head = [
    `POST ${target.pathname}${target.search} HTTP/1.1`,
    `host: ${target.host}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body)]);
}

/** Length of the response whose head ends at `headEnd`, or a reason it cannot be framed. */
function contentLength(buffer: Buffer, headEnd: number): number {
  const match = /\r\ncontent-length: *(\d+)/i.exec(buffer.toString('latin1', 0, headEnd));
  if (!match) throw new Error('the load generator expects responses with Content-Length');
  return Number(match[1]);
}

/** One closed-loop client: sends the next request as soon as the previous answer is complete. */
function client(
  options: LoadOptions,
  request: Buffer,
  deadline: number,
  latencies: number[],
  counts: { errors: number },
) {
  const { hostname, port } = new URL(options.url);
  return new Promise<void>((resolve, reject) => {
    let socket: Socket;
    let received: Buffer | undefined;
    let sentAt = 0;
    const send = () => {
      sentAt = performance.now();
      socket.write(request);
    };
    const open = () => {
      received = undefined;
      socket = connect({ host: hostname, port: Number(port), noDelay: true }, send);
      socket.on('data', onData);
      socket.on('error', () => {}); // 'close' follows: counted and reconnected there
      socket.on('close', () => {
        if (performance.now() >= deadline) return resolve();
        counts.errors++;
        open();
      });
    };
    const onData = (chunk: Buffer) => {
      received = received ? Buffer.concat([received, chunk]) : chunk;
      const headEnd = received.indexOf(HEADER_END);
      if (headEnd < 0) return;
      let end: number;
      try {
        end = headEnd + HEADER_END.length + contentLength(received, headEnd);
      } catch (error) {
        socket.destroy();
        return reject(error as Error);
      }
      if (received.length < end) return;
      const ok = received.toString('latin1', 9, 12) === '200' && received.indexOf(ERRORS_KEY, headEnd) < 0;
      if (ok) latencies.push(performance.now() - sentAt);
      else counts.errors++;
      received = undefined;
      if (performance.now() < deadline) send();
      else socket.end();
    };
    open();
  });
}

async function run(options: LoadOptions): Promise<LoadResult> {
  const request = encodeRequest(options);
  const latencies: number[] = [];
  const counts = { errors: 0 };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.concurrency }, () => client(options, request, deadline, latencies, counts)),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors: counts.errors,
    seconds,
    rps: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    cpuMs: (cpu.user + cpu.system) / 1000,
    latenciesMs: latencies,
  };
}

// One run per message, until the parent disconnects.
process.on('message', (options: LoadOptions) => {
  process.send!({ started: true });
  run(options).then(
    (result) => process.send!({ result }),
    (error: Error) => process.send!({ error: error.message }),
  );
});
process.once('disconnect', () => process.exit(0));

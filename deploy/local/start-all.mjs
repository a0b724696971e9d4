#!/usr/bin/env node
// `npm start`: the whole supergraph on one machine. Each subgraph and the gateway run
// as their own process (as in production), on embedded defaults unless DATABASE_URL,
// NATS_URL or REDIS_URL are set. Ctrl-C stops them all gracefully.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const root = new URL('../../', import.meta.url);
const services = [
  { name: 'accounts', entry: 'subgraphs/accounts/dist/main.js', port: 4001 },
  { name: 'gateway', entry: 'gateway/dist/main.js', port: Number(process.env.PORT ?? 4000) },
];
const children = [];
let stopping = false;

function start({ name, entry, port }) {
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start-all] ${name} exited (${signal ?? code}); stopping everything`);
    stop(1);
  });
  children.push(child);
}

async function waitUntilHealthy(port, name) {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${name} did not become healthy on port ${port}`);
}

function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r))))).then(() =>
    process.exit(code),
  );
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

for (const service of services.slice(0, -1)) start(service);
await Promise.all(services.slice(0, -1).map((s) => waitUntilHealthy(s.port, s.name)));
const gateway = services.at(-1);
start(gateway);
await waitUntilHealthy(gateway.port, gateway.name);
console.log(`\nPeerseed is up: http://localhost:${gateway.port}/graphql (GraphQL IDE in a browser)\n`);

#!/usr/bin/env node
// Static checks of docker-compose.yml that need no Docker engine and no compose plugin
// (CI runs it; `docker compose config --quiet` checks the schema where it is available):
//
//   node deploy/check-compose.mjs [compose file] [--public=gateway,...]
//
// The compose file defaults to the repository's docker-compose.yml; --public lists the
// services allowed to publish ports (default: gateway). Nothing here names a Peerseed
// service otherwise, so it keeps working as services are added. It checks that:
//   - the YAML parses (anchors and `<<` merge keys resolved) and has no obsolete `version:`;
//   - every service has an `image` or a `build`, and every `build` points at an existing
//     Dockerfile whose stages include the `target` (`FROM ... AS <target>`);
//   - only the public services publish ports (or use host networking);
//   - every `depends_on` names an existing service, with no cycles, and
//     `condition: service_healthy` targets a service that has a healthcheck (in the compose
//     file or in its Dockerfile stage, inherited through `FROM <stage>`);
//   - every URL in a service's environment whose host is a bare name (http://accounts:4001,
//     postgres://…@postgres:5432) names an existing service, that service is in depends_on,
//     and the port is one the service exposes (when its exposed ports are known);
//   - every named volume a service mounts is declared under the top-level `volumes`.
// It exits 1 listing every problem, 0 when there is none.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';

const HEALTHY = 'service_healthy';
const CONDITIONS = new Set(['service_started', HEALTHY, 'service_completed_successfully']);

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { public: { type: 'string', default: 'gateway' }, help: { type: 'boolean', short: 'h' } },
});
if (options.help) {
  console.log('usage: node deploy/check-compose.mjs [compose file] [--public=gateway,...]');
  process.exit(0);
}

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const composePath = resolve(positionals[0] ?? resolve(repoRoot, 'docker-compose.yml'));
const composeDir = resolve(composePath, '..');
const label = relative(process.cwd(), composePath) || composePath;
const publicServices = options.public
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

const problems = [];
const problem = (message) => problems.push(message);

/** Compose-style interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, ${VAR:+alt}, $VAR, $$. */
function interpolate(value) {
  if (typeof value !== 'string') return value === undefined || value === null ? '' : String(value);
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, name, operator, operand, bare) => {
      if (match === '$$') return '$';
      if (bare) return process.env[bare] ?? '';
      const set = process.env[name] !== undefined;
      const nonEmpty = set && process.env[name] !== '';
      switch (operator) {
        case ':-':
          return nonEmpty ? process.env[name] : operand;
        case '-':
          return set ? process.env[name] : operand;
        case ':+':
          return nonEmpty ? operand : '';
        case '+':
          return set ? operand : '';
        default:
          return process.env[name] ?? '';
      }
    },
  );
}

/** The environment as a { KEY: value } object, from either the mapping or the list form. */
function environmentOf(service) {
  const env = service.environment;
  if (!env) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const text = String(entry);
        const at = text.indexOf('=');
        return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
      }),
    );
  }
  return env;
}

/** depends_on as { name: condition }, from either the list or the mapping form. */
function dependenciesOf(service) {
  const deps = service.depends_on;
  if (!deps) return {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [String(name), 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
}

/** Container ports from `expose`/EXPOSE entries like 4001, "4001/tcp", "4000-4005". */
function portsFrom(entries) {
  const ports = new Set();
  for (const entry of entries) {
    const match = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(interpolate(String(entry)).trim());
    if (!match) continue;
    const [from, to] = [Number(match[1]), Number(match[2] ?? match[1])];
    for (let port = from; port <= to && port - from < 10_000; port++) ports.add(port);
  }
  return ports;
}

const dockerfiles = new Map();

/** The stages of a Dockerfile: name, base, and its own HEALTHCHECK / EXPOSE instructions. */
function parseDockerfile(path) {
  if (dockerfiles.has(path)) return dockerfiles.get(path);
  const instructions = [];
  let pending = '';
  for (const raw of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending)) continue; // comments, also inside continuations
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    if (pending + line) instructions.push((pending + line).trim());
    pending = '';
  }
  if (pending.trim()) instructions.push(pending.trim());

  const stages = [];
  for (const instruction of instructions) {
    const from = /^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(instruction);
    if (from) {
      stages.push({ base: from[1].toLowerCase(), name: from[2]?.toLowerCase(), healthcheck: undefined, expose: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue;
    const healthcheck = /^HEALTHCHECK\s+(.*)$/i.exec(instruction);
    if (healthcheck) stage.healthcheck = !/^NONE$/i.test(healthcheck[1].trim());
    const expose = /^EXPOSE\s+(.*)$/i.exec(instruction);
    if (expose) stage.expose.push(...expose[1].split(/\s+/));
  }
  dockerfiles.set(path, stages);
  return stages;
}

/** The stage and the stages it is built FROM, nearest first. */
function stageChain(stages, stage) {
  const chain = [];
  for (let current = stage; current && !chain.includes(current);) {
    chain.push(current);
    const index = stages.indexOf(current);
    current = stages.slice(0, index).find((s) => s.name !== undefined && s.name === current.base);
  }
  return chain;
}

// ---------------------------------------------------------------------------------
let compose;
try {
  const document = parseDocument(readFileSync(composePath, 'utf8'), { merge: true, prettyErrors: true });
  for (const error of document.errors) problem(`YAML: ${error.message}`);
  compose = document.errors.length === 0 ? document.toJS({ maxAliasCount: 1000 }) : undefined;
} catch (error) {
  problem(`cannot read ${composePath}: ${error.message}`);
}

if (compose !== undefined) {
  if (compose === null || typeof compose !== 'object' || Array.isArray(compose)) {
    problem('the file is not a YAML mapping');
    compose = {};
  }
  if ('version' in compose) problem('top-level `version:` is obsolete in the Compose Specification; remove it');
  const services = compose.services ?? {};
  const names = Object.keys(services);
  if (names.length === 0) problem('no services');
  for (const name of publicServices) {
    if (!names.includes(name)) problem(`--public names "${name}", which is not a service`);
  }

  /** What is known of each service once its build is resolved: healthcheck and exposed ports. */
  const facts = {};
  for (const [name, service] of Object.entries(services)) {
    const known = { healthcheck: false, ports: portsFrom(service?.expose ?? []) };
    facts[name] = known;
    if (!service || typeof service !== 'object') {
      problem(`${name}: not a mapping`);
      continue;
    }
    if (service.healthcheck && !service.healthcheck.disable) {
      const test = [service.healthcheck.test].flat();
      known.healthcheck = !(test.length === 0 || String(test[0]).toUpperCase() === 'NONE');
    }
    if (!service.image && !service.build) problem(`${name}: has neither \`image\` nor \`build\``);

    if (service.build) {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      const context = interpolate(build.context ?? '.');
      if (build.dockerfile_inline !== undefined) {
        // Nothing on disk to check.
      } else if (/^[a-z]+:\/\/|^git@|\.git(#|$)/i.test(context)) {
        // A remote context: nothing on disk to check.
      } else {
        const contextDir = resolve(composeDir, context);
        const dockerfile = resolve(contextDir, interpolate(build.dockerfile ?? 'Dockerfile'));
        if (!existsSync(contextDir)) problem(`${name}: build context ${context} does not exist`);
        if (!existsSync(dockerfile)) {
          problem(`${name}: Dockerfile ${relative(composeDir, dockerfile)} does not exist`);
        } else {
          const stages = parseDockerfile(dockerfile);
          const target = build.target === undefined ? undefined : interpolate(build.target).toLowerCase();
          const stage = target === undefined ? stages.at(-1) : stages.find((s) => s.name === target);
          if (target !== undefined && !stage) {
            const available = stages.flatMap((s) => (s.name ? [s.name] : [])).join(', ') || 'none';
            problem(
              `${name}: build target "${build.target}" is not a stage of ${relative(composeDir, dockerfile)} ` +
                `(FROM ... AS <target>; stages: ${available})`,
            );
          }
          if (stage) {
            const chain = stageChain(stages, stage);
            if (!service.healthcheck)
              known.healthcheck = chain.find((s) => s.healthcheck !== undefined)?.healthcheck ?? false;
            for (const port of portsFrom(chain.flatMap((s) => s.expose))) known.ports.add(port);
          }
        }
      }
    }

    const published = [service.ports ?? []].flat().length > 0;
    if (published && !publicServices.includes(name)) {
      problem(
        `${name}: publishes ports (${[service.ports].flat().join(', ')}) but only ${publicServices.join(', ') || 'no service'} may; use \`expose\``,
      );
    }
    if (service.network_mode === 'host' && !publicServices.includes(name)) {
      problem(`${name}: network_mode: host makes every port reachable from outside`);
    }

    for (const volume of [service.volumes ?? []].flat()) {
      const source =
        typeof volume === 'string'
          ? volume.includes(':')
            ? volume.slice(0, volume.indexOf(':'))
            : undefined
          : volume?.type === 'volume'
            ? volume.source
            : undefined;
      if (source && !/^[./~$]/.test(source) && !(source in (compose.volumes ?? {}))) {
        problem(`${name}: mounts the named volume "${source}", which is not declared under the top-level \`volumes\``);
      }
    }
  }

  // Hostnames a service answers to on the compose network: its name, plus any aliases.
  const hosts = new Map(names.map((name) => [name, name]));
  for (const [name, service] of Object.entries(services)) {
    if (service?.hostname) hosts.set(String(service.hostname), name);
    if (service?.container_name) hosts.set(String(service.container_name), name);
    if (service?.networks && !Array.isArray(service.networks)) {
      for (const network of Object.values(service.networks)) {
        for (const alias of network?.aliases ?? []) hosts.set(String(alias), name);
      }
    }
  }

  for (const [name, service] of Object.entries(services)) {
    if (!service || typeof service !== 'object') continue;
    const dependencies = dependenciesOf(service);
    for (const [dependency, condition] of Object.entries(dependencies)) {
      if (dependency === name) problem(`${name}: depends on itself`);
      else if (!(dependency in services)) problem(`${name}: depends_on "${dependency}", which is not a service`);
      else if (condition === HEALTHY && !facts[dependency].healthcheck) {
        problem(`${name}: waits for "${dependency}" to be healthy, but ${dependency} has no healthcheck`);
      }
      if (!CONDITIONS.has(condition))
        problem(`${name}: depends_on "${dependency}" has an unknown condition "${condition}"`);
    }

    for (const [key, raw] of Object.entries(environmentOf(service))) {
      const value = interpolate(raw);
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
      let url;
      try {
        url = new URL(value);
      } catch {
        continue;
      }
      const host = url.hostname;
      if (!host || host.includes('.') || host.includes(':') || host === 'localhost') continue; // external, IP or local
      const target = hosts.get(host);
      if (!target) {
        problem(`${name}: ${key} points at "${host}", which is not a service`);
        continue;
      }
      if (target !== name && !(target in dependencies)) {
        problem(`${name}: ${key} points at "${target}", which is missing from its depends_on`);
      }
      const port = url.port === '' ? undefined : Number(url.port);
      const exposed = facts[target].ports;
      if (port !== undefined && exposed.size > 0 && !exposed.has(port)) {
        problem(`${name}: ${key} uses port ${port} of "${target}", which exposes ${[...exposed].join(', ')}`);
      }
    }
  }

  // depends_on cycles: compose refuses to start them.
  const state = new Map();
  const visit = (name, path) => {
    if (state.get(name) === 'done' || !(name in services)) return;
    if (state.get(name) === 'visiting') {
      problem(`depends_on cycle: ${[...path.slice(path.indexOf(name)), name].join(' -> ')}`);
      return;
    }
    state.set(name, 'visiting');
    for (const dependency of Object.keys(dependenciesOf(services[name] ?? {}))) {
      if (dependency !== name) visit(dependency, [...path, name]);
    }
    state.set(name, 'done');
  };
  for (const name of names) visit(name, []);

  if (problems.length === 0) {
    const published = names.filter((name) => [services[name]?.ports ?? []].flat().length > 0);
    console.log(
      `${label}: ok — ${names.length} services (${names.join(', ')}); publishing ports: ${published.join(', ') || 'none'}`,
    );
  }
}

if (problems.length > 0) {
  console.error(`${label}: ${problems.length} problem(s):`);
  for (const message of problems) console.error(`  - ${message}`);
  process.exit(1);
}

# syntax=docker/dockerfile:1
#
# One Dockerfile for every Peerseed service: a shared `build` stage compiles the whole
# monorepo once, then each service has its own small runtime stage, selected by target:
#
#   docker build --target accounts -t peerseed/accounts .
#   docker build --target gateway  -t peerseed/gateway  .
#
# (docker-compose.yml does this for every service.) A new subgraph adds a runtime stage
# like `accounts` below: its package.json, dist and node_modules on top of `runtime`.

# The official image, not the `node` npm package the root package.json pins for npm
# scripts on developer machines (that one is a dev dependency and is pruned below).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------
# manifests: only package.json files and the lockfile, so the dependency layer below
# is rebuilt when dependencies change, not on every source edit. Generic: it keeps
# working as workspaces are added.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json ! -name .npmrc -delete \
 && find . -type d -empty -delete

# ---------------------------------------------------------------------------------
# build: install everything, compile every workspace in dependency order (shared
# first), then drop the dev dependencies so node_modules is ready for production.
FROM ${NODE_IMAGE} AS build
# The npm version of package.json's "packageManager" field.
ARG NPM_VERSION=11.19.1
ENV TURBO_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app
RUN npm install --global "npm@${NPM_VERSION}"
COPY --from=manifests /app ./
# `npm install`, not `npm ci`: package-lock.json is made on linux-x64 and lacks
# other platforms' optional packages, the native binaries of turbo, @swc/core and
# unrs-resolver for e.g. linux-arm (v7), ppc64le, s390x, macOS and Windows (npm only
# records the ones it saw; see npm/cli#4828). `npm ci` installs the lockfile verbatim,
# so on such a platform it stops ("Missing: ... from lock file") or ends without those
# binaries ("Cannot find module @turbo/..."); `npm install` adds what the build
# platform needs and otherwise keeps every version the lockfile pins.
# --ignore-scripts: the build needs no install script. The only ones are optional
# fallbacks (@swc/core, @parcel/watcher, protobufjs) and the `node` dev package's, which
# downloads a second Node binary for npm scripts; skipped, npm scripts and turbo run
# on this image's Node 24 (a glibc binary would not even run on an alpine base).
RUN --mount=type=cache,target=/root/.npm \
    npm install --ignore-scripts
COPY . .
# After pruning, every workspace gets a node_modules folder (usually empty: dependencies
# are hoisted to the root) so that the runtime stages can COPY it unconditionally.
RUN npx turbo run build \
 && npm prune --omit=dev \
 && find . -mindepth 2 -maxdepth 3 -name package.json -not -path './node_modules/*' \
      -execdir mkdir -p node_modules \;

# ---------------------------------------------------------------------------------
# runtime: what every service image shares — production node_modules and shared's
# build. Files stay owned by root: the `node` user can read them, not change them.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/shared/package.json ./shared/
COPY --from=build /app/shared/dist ./shared/dist
COPY --from=build /app/shared/node_modules ./shared/node_modules

# ---------------------------------------------------------------------------------
# subgraph: one image per subgraph, chosen by the SUBGRAPH build argument (accounts,
# marketplace, wallet, distribution, notifications, contacts). Internal only: reached
# by the gateway, never published. The contacts worker is the contacts image with
# `node subgraphs/contacts/dist/worker.js` as its command.
FROM runtime AS subgraph
ARG SUBGRAPH
ARG SUBGRAPH_PORT=4001
COPY --from=build /app/subgraphs/${SUBGRAPH}/package.json ./subgraphs/${SUBGRAPH}/
COPY --from=build /app/subgraphs/${SUBGRAPH}/dist ./subgraphs/${SUBGRAPH}/dist
COPY --from=build /app/subgraphs/${SUBGRAPH}/node_modules ./subgraphs/${SUBGRAPH}/node_modules
# Embedded PGlite files, used only when DATABASE_URL is unset (a single-container trial).
RUN mkdir -p /app/.data && chown node:node /app/.data
ENV SUBGRAPH=${SUBGRAPH} \
    HOST=0.0.0.0 \
    PORT=${SUBGRAPH_PORT}
EXPOSE ${SUBGRAPH_PORT}
USER node
# Liveness. Slim images have no curl or wget: node's own fetch does the request.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz', { signal: AbortSignal.timeout(3000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["sh", "-c", "exec node subgraphs/$SUBGRAPH/dist/main.js"]

# ---------------------------------------------------------------------------------
# gateway: the one public endpoint. It reads supergraph.graphql (composed at build
# time and committed) from its package folder at start.
FROM runtime AS gateway
COPY --from=build /app/gateway/package.json /app/gateway/supergraph.graphql ./gateway/
COPY --from=build /app/gateway/dist ./gateway/dist
COPY --from=build /app/gateway/node_modules ./gateway/node_modules
ENV HOST=0.0.0.0 \
    PORT=4000
EXPOSE 4000
USER node
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz', { signal: AbortSignal.timeout(3000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "gateway/dist/main.js"]

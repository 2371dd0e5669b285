# syntax=docker/dockerfile:1
# nessus-gap: the Slack bot. Multi-stage: compile with the dev tools, ship only runtime dependencies.

ARG NODE_IMAGE=node:24-bookworm-slim

# Compile TypeScript (src/ and the sandbox used by `demo` and `bench`) to dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.base.json tsconfig.build.json ./
COPY src ./src
COPY sandbox ./sandbox
RUN npm run build

# Runtime dependencies only (better-sqlite3 is native: built here with the toolchain).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm rebuild better-sqlite3 && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=sqlite:/data/nessus-gap.db
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml ./
COPY bin ./bin
COPY examples ./examples
# The node image's `node` user, by number: Kubernetes' runAsNonRoot can only verify a numeric user
# (deploy/kubernetes runs it as 1000:1000 with a read-only root; /data and /tmp are its volumes).
RUN mkdir -p /data && chown 1000:1000 /data
USER 1000:1000
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/nessus-gap.js", "serve"]

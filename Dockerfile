# syntax=docker/dockerfile:1
# The service as an image: built in one stage, run in another with production dependencies only, as the
# unprivileged `node` user. Give it DATABASE_URL (and DATABASE_REPLICA_URLS for replicas); without one it
# would start an embedded PostgreSQL under /app/.data, which suits a trial, not a deployment.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# patches/: fixes to dependencies that npm ci applies (patch-package, the postinstall script).
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
# The server (dist/src, dist/migrations), the dashboard and explorer (dist/web) and the persisted query manifest.
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# Ready: not stopping, the database answers and is migrated (see src/health/). Node has fetch; the slim image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What `npm start` runs once built (scripts/start.mjs), without rebuilding: the image is already built.
CMD ["node", "--max-semi-space-size=32", "dist/src/main.js"]

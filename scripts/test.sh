#!/usr/bin/env bash
# The one test command (README): typecheck, lint, then every vitest project (unit, db on PGlite
# and PostgreSQL, browser, workerd). Says how long each part took; vitest's summary comes last.
# Arguments go to vitest (e.g. `npm test -- --project unit`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/timed.sh
timed "chromium" bash scripts/ensure-chromium.sh
t0=$SECONDS
TEST_DATABASE_URL="$(bash scripts/ensure-postgres.sh)"
export TEST_DATABASE_URL
timing "postgresql" $((SECONDS - t0))
timed "typecheck" npx tsc -p .
timed "lint" npx biome check .
timings
echo "== tests"
npx vitest run "$@"

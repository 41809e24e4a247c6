#!/usr/bin/env bash
# The one test command (README): typecheck, lint, then every vitest project (unit; db on PGlite
# and PostgreSQL; browser; workerd). Says how long each part took; vitest's summary comes last.
# Arguments go to vitest (e.g. `npm test -- test/complaints`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
ensure_services
timed "typecheck" npx tsc -p .
timed "lint" npx biome check .
timings
echo "== tests"
exec npx vitest run "$@"

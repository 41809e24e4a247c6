#!/usr/bin/env bash
# The one test command (README): typecheck, lint, then every test against PGlite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
TEST_DATABASE_URL="$(bash scripts/ensure-postgres.sh)"
export TEST_DATABASE_URL
echo "== typecheck"; npx tsc -p .
echo "== lint"; npx biome check .
echo "== tests (PGlite and PostgreSQL)"; npx vitest run "$@"

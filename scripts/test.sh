#!/usr/bin/env bash
# The one test command (README): every vitest project (unit; db on PGlite and PostgreSQL;
# browser; workerd) with typecheck and lint beside them (scripts/checks.sh, whose results the
# `checks` project reports), and with CI_STEPS=1 CI's install checks too. Says how long the
# set-up took and each project; vitest's summary comes last.
# Arguments go to vitest (e.g. `npm test -- test/complaints`), and then the checks do not run
# beside it (test/checks/ files given as arguments run their command themselves).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
ensure_services
timings
if [ "$#" -eq 0 ]; then
  CHECKS_DIR="$(mktemp -d)"
  export CHECKS_DIR
  # A session of its own where setsid exists, so that whatever of the checks still runs when
  # vitest ends (a failed or interrupted run) ends with it, servers of the container steps included.
  if command -v setsid >/dev/null; then setsid bash scripts/checks.sh "$CHECKS_DIR" & else bash scripts/checks.sh "$CHECKS_DIR" & fi
  checks=$!
  trap 'kill -TERM -- "-$checks" 2>/dev/null || kill -TERM "$checks" 2>/dev/null || true' EXIT
fi
echo "== tests"
npx vitest run "$@"

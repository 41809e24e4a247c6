#!/usr/bin/env bash
# One or more vitest projects with what they need and nothing else (no typecheck, no lint):
# `npm run test:db`, `test:browser`, `test:workerd`. Arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
ensure_services >&2
exec npx vitest run "$@"

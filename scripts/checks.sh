#!/usr/bin/env bash
# The checks that are not vitest tests, one after another, each leaving `<name>.out` (what it
# printed) and then `<name>.rc` (its exit code) in DIR: typecheck and lint, and with CI_STEPS=1
# (`.ci/run`) the other platforms' dry runs and the Dockerfile's steps. scripts/test.sh starts it
# in the background beside vitest, whose test/checks/ files wait for the results and fail with
# the output; the tests spend much of their time waiting on PostgreSQL, Chromium and child
# processes, and these checks fill that time instead of running before them (README, "Tests").
set -uo pipefail
cd "$(dirname "$0")/.."
dir=$1

run() {
  local name=$1 t0=$SECONDS
  shift
  "$@" >"$dir/$name.out" 2>&1
  local rc=$?
  echo "($name took $((SECONDS - t0)) s)" >>"$dir/$name.out"
  # Written last and whole, so a reader that sees the file sees the code.
  echo "$rc" >"$dir/$name.rc.tmp" && mv "$dir/$name.rc.tmp" "$dir/$name.rc"
}

run typecheck npx tsc -p .
run lint npm run --silent lint
if [ "${CI_STEPS:-}" = 1 ]; then
  run platforms bash scripts/npm-platforms.sh
  run container npx tsx scripts/container-steps.ts
fi

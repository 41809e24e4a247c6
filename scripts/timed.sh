# Sourced by the test scripts and .ci/run: runs steps under a heading and keeps how long each
# took, for `timings` to print (the README's test times are read off these lines).
TIMED_LOG="${TIMED_LOG:-$(mktemp)}"
export TIMED_LOG

timing() { printf '%-12s %4d s\n' "$1" "$2" >>"$TIMED_LOG"; }

timed() {
  local name=$1 t0=$SECONDS
  shift
  echo "== $name"
  "$@"
  timing "$name" $((SECONDS - t0))
}

timings() {
  echo "== time so far"
  sed 's/^/  /' "$TIMED_LOG"
}

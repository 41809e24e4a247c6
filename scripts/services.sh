# Sourced: `ensure_services` makes sure of what the database, browser and workerd tests need,
# Chromium (installed when missing) and a PostgreSQL server whose URL it exports as
# TEST_DATABASE_URL (ensure-postgres.sh), and notes how long each took (scripts/timed.sh).
source scripts/timed.sh

ensure_services() {
  timed "chromium" bash scripts/ensure-chromium.sh
  local t0=$SECONDS
  TEST_DATABASE_URL="$(bash scripts/ensure-postgres.sh)"
  export TEST_DATABASE_URL
  timing "postgresql" $((SECONDS - t0))
}

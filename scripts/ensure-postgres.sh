#!/usr/bin/env bash
# Makes sure a PostgreSQL server is running for the tests and prints a connection URL for it.
# Uses TEST_DATABASE_URL as given when set; otherwise installs Debian's postgresql if missing
# (as root, through apt), starts the cluster and creates a password role and database.
set -euo pipefail

if [ -n "${TEST_DATABASE_URL:-}" ]; then echo "$TEST_DATABASE_URL"; exit 0; fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "ensure-postgres: installing Debian's postgresql" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  as_root pg_createcluster "$ver" main >&2
fi
read -r ver cluster port status _ < <(pg_lsclusters -h | head -1)
if [ "$status" != "online" ]; then as_root pg_ctlcluster "$ver" "$cluster" start >&2; fi

run_psql() { as_root runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qAt "$@"; }
for _ in $(seq 1 30); do run_psql -c 'select 1' >/dev/null 2>&1 && break; sleep 1; done
if [ "$(run_psql -c "select 1 from pg_roles where rolname = 'integrity_test'")" != 1 ]; then
  run_psql -c "create role integrity_test login password 'integrity_test' createdb" >&2
fi
if [ "$(run_psql -c "select 1 from pg_database where datname = 'integrity_test'")" != 1 ]; then
  run_psql -c "create database integrity_test owner integrity_test" >&2
fi
echo "postgres://integrity_test:integrity_test@127.0.0.1:${port}/integrity_test"

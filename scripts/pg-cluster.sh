#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on loopback for the PostgreSQL half of the tests.
#   bash scripts/pg-cluster.sh start   initdb into a temporary directory and start it; prints the
#                                      server's URL (postgresql://plte@127.0.0.1:<port>/postgres)
#   bash scripts/pg-cluster.sh stop    stop it and delete the directory
# PG_PORT (default 55432) and PG_DIR (default /tmp/plte-pg-<port>) choose where. PostgreSQL refuses
# to run as root, so as root the cluster belongs to the `postgres` user (Debian's package creates
# it; created here when missing). Trust authentication is safe only because it listens on
# 127.0.0.1 alone and lives for one run.
set -euo pipefail

port="${PG_PORT:-55432}"
dir="${PG_DIR:-/tmp/plte-pg-${port}}"
bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    [ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed ($bin): bash scripts/install-test-deps.sh" >&2; exit 1; }
    if as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "postgresql://plte@127.0.0.1:${port}/postgres"
      exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    # C collation: text sorts by code point, as on SQLite, so both runs see the same orders.
    as_owner "$bin/initdb" -D "$dir/data" -U plte --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    echo "postgresql://plte@127.0.0.1:${port}/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: bash scripts/pg-cluster.sh start|stop" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# The PostgreSQL half of the tests (docs/decisions/005-postgresql.md): the whole Vitest suite and
# the Playwright smoke journey (tests/e2e-pg) on a PostgreSQL 15 server.
#   npm run test:pg        both          npm run test:unit:pg / test:e2e:pg   one of them
# With TEST_POSTGRES_URL set (a server's URL, e.g. postgresql://me@127.0.0.1:5432/postgres), that
# server is used; otherwise a throwaway cluster is started on 127.0.0.1:${PG_PORT:-55432} and
# removed at the end (scripts/pg-cluster.sh). Each run makes its own databases and drops them.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"

if [ -z "${TEST_POSTGRES_URL:-}" ]; then
  TEST_POSTGRES_URL="$(bash scripts/pg-cluster.sh start)"
  trap 'bash scripts/pg-cluster.sh stop' EXIT
fi
export TEST_POSTGRES_URL
echo "PostgreSQL: ${TEST_POSTGRES_URL}"

if [ "$what" = all ] || [ "$what" = unit ]; then
  npx vitest run
fi
if [ "$what" = all ] || [ "$what" = e2e ]; then
  npm run -s build
  npx playwright test -c tests/e2e-pg/playwright.config.ts
fi

#!/usr/bin/env bash
# Writes a new migration from the difference between the committed schema and the working one.
# `prisma migrate dev` cannot replay migrations through the SQLite adapter (see
# ../shared/STACK-NOTES.md), so the migration is a schema-to-schema diff instead.
# Then writes its PostgreSQL twin and the PostgreSQL schema from it (npm run db:schemas; see
# docs/decisions/005-postgresql.md), so that both folders stay in step.
# Usage: npm run db:migration -- <name>
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: npm run db:migration -- <name>}"
# The old schema must sit beside the new one: its generator output path is relative to it.
old="prisma/.committed.prisma"
trap 'rm -f "$old"' EXIT
git show HEAD:prisma/schema.prisma > "$old"
folder="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$folder" data
# The SQLite diff runs through the SQLite adapter, whatever database DATABASE_URL names.
case "${DATABASE_URL:-file:}" in file:*) ;; *) export DATABASE_URL=file:./data/app.db ;; esac
npx prisma migrate diff --from-schema-datamodel "$old" --to-schema-datamodel prisma/schema.prisma --script > "$folder/migration.sql"
echo "wrote $folder/migration.sql"
npx tsx scripts/db-schemas.ts

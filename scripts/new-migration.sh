#!/usr/bin/env bash
# Writes a new migration from the difference between the committed schema and the working one.
# `prisma migrate dev` cannot replay migrations through the SQLite adapter (see
# ../shared/STACK-NOTES.md), so the migration is a schema-to-schema diff instead.
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
npx prisma migrate diff --from-schema-datamodel "$old" --to-schema-datamodel prisma/schema.prisma --script > "$folder/migration.sql"
echo "wrote $folder/migration.sql"

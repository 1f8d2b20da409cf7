-- The SQLite migration's backfill of the month column, in PostgreSQL's terms.
UPDATE "Qualification" SET "month" = to_char("qualifiedAt", 'YYYY-MM') WHERE "month" = '';

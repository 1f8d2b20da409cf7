-- The SQLite migration's triggers in PostgreSQL's terms: a frozen snapshot never changes, and a
-- counted record may be deleted only while its snapshot row does not exist yet.
-- Prisma's PostgreSQL adapter runs a migration by splitting it at every semicolon (comments and
-- function bodies included), so this file has none: the body is an E'' string where \073 is one.
CREATE FUNCTION "report_snapshot_frozen"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_TABLE_NAME = ''ReportSnapshotEntry'' AND TG_OP = ''DELETE''
     AND NOT EXISTS (SELECT 1 FROM "ReportSnapshot" WHERE "id" = OLD."snapshotId") THEN
    RETURN OLD\073
  END IF\073
  RAISE EXCEPTION ''a frozen report snapshot cannot be changed''\073
END'
;
CREATE TRIGGER "ReportSnapshot_frozen" BEFORE UPDATE OR DELETE ON "ReportSnapshot"
  FOR EACH ROW EXECUTE FUNCTION "report_snapshot_frozen"();
CREATE TRIGGER "ReportSnapshotEntry_frozen" BEFORE UPDATE OR DELETE ON "ReportSnapshotEntry"
  FOR EACH ROW EXECUTE FUNCTION "report_snapshot_frozen"();

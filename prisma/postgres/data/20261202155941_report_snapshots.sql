-- The SQLite migration's triggers, in PostgreSQL's terms: a frozen snapshot never changes; a
-- counted record may be deleted only while its snapshot row does not exist yet.
CREATE FUNCTION "report_snapshot_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ReportSnapshotEntry' AND TG_OP = 'DELETE'
     AND NOT EXISTS (SELECT 1 FROM "ReportSnapshot" WHERE "id" = OLD."snapshotId") THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'a frozen report snapshot cannot be changed';
END;
$$;
CREATE TRIGGER "ReportSnapshot_frozen" BEFORE UPDATE OR DELETE ON "ReportSnapshot"
  FOR EACH ROW EXECUTE FUNCTION "report_snapshot_frozen"();
CREATE TRIGGER "ReportSnapshotEntry_frozen" BEFORE UPDATE OR DELETE ON "ReportSnapshotEntry"
  FOR EACH ROW EXECUTE FUNCTION "report_snapshot_frozen"();

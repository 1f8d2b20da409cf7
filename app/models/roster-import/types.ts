import type { RosterColumns, RosterProblem } from "#app/models/roster-file.server";

/** Where an import stands; "previewed" waits for the administrator, "done" and "failed" are final. */
export type ImportStatus = "queued" | "reading" | "previewed" | "writing" | "done" | "failed";

/** The most of each list a preview keeps; the counts say how many there are in all. */
export const PREVIEW_LIST_LIMIT = 200;

/** What the preview shows besides the counts, stored with the job as JSON. */
export type ImportPreview = {
  columns: RosterColumns;
  notes: { items: RosterProblem[]; total: number };
  /** Entries whose name the import would change. */
  renames: { items: { line: number; from: string; to: string }[]; total: number };
  /** Entries marked "left" that the file lists again. */
  returning: { items: { line: number; name: string; leftAt: string }[]; total: number };
  /** Phones of the file already on another ward's roster. */
  otherWards: { items: { line: number; phone: string; ward: string }[]; total: number };
};

/**
 * What the write needs to qualify matched entries, computed on the main thread where the
 * catalogue is compiled: for the job's target group, the indicators each course counts for.
 */
export type QualificationRules = { indicatorsByCourse: Record<string, string[]> };

/** What the import worker tells the server while it writes: rows written so far. */
export type ImportProgress = { written: number };

/** A task for the import worker. */
export type ImportTask = { kind: "read"; jobId: string } | { kind: "write"; jobId: string; rules: QualificationRules };

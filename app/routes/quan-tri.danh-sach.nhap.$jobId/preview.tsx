import { Form, useNavigation } from "@remix-run/react";

import { RosterProblemTable } from "#app/components/roster-problem-table";
import { useT } from "#app/i18n/use-t";
import type { ImportPreview } from "#app/models/roster-import/types";
import { formatPhone } from "#app/utils/phone";

type Previewed = { id: string; fileHash: string; created: number; updated: number; unchanged: number; preview: ImportPreview };

function More({ shown, total }: { shown: number; total: number }) {
  const t = useT();
  return total > shown ? <li>{t("rosterImport.more", { count: total - shown })}</li> : null;
}

/**
 * What confirming would write: the counts, every rename, entries marked left that come back,
 * phones other wards list, the reader's notes and the columns read. The confirm form carries the
 * file's hash, so that what is written is this file's plan.
 */
export function ImportPreviewSection({ job }: { job: Previewed }) {
  const t = useT();
  const submitting = useNavigation().state === "submitting";
  const { columns, notes, renames, returning, otherWards } = job.preview;
  const none = t("rosterImport.none");
  return (
    <section aria-labelledby="import-preview">
      <h2 id="import-preview">{t("rosterImport.preview")}</h2>
      <p role="status">{t("rosterImport.status.previewed")}</p>
      <p>{t("rosterImport.counts", { created: job.created, updated: job.updated, unchanged: job.unchanged })}</p>
      <p>
        {t("rosterImport.columns", {
          recognised: columns.recognised.map((column) => column.header).join(", ") || none,
          ignored: columns.ignored.join(", ") || none,
        })}
      </p>
      {renames.total > 0 ? (
        <>
          <h3>{t("rosterImport.renames", { count: renames.total })}</h3>
          <ul>
            {renames.items.map((item) => (
              <li key={item.line}>{t("rosterImport.rename", item)}</li>
            ))}
            <More shown={renames.items.length} total={renames.total} />
          </ul>
        </>
      ) : null}
      {returning.total > 0 ? (
        <>
          <h3>{t("rosterImport.returning", { count: returning.total })}</h3>
          <ul>
            {returning.items.map((item) => (
              <li key={item.line}>{t("rosterImport.returningItem", { line: item.line, name: item.name, date: item.leftAt })}</li>
            ))}
            <More shown={returning.items.length} total={returning.total} />
          </ul>
        </>
      ) : null}
      {otherWards.total > 0 ? (
        <>
          <h3>{t("rosterImport.otherWards", { count: otherWards.total })}</h3>
          <ul>
            {otherWards.items.map((item) => (
              <li key={item.line}>{t("rosterImport.otherWard", { ...item, phone: formatPhone(item.phone) })}</li>
            ))}
            <More shown={otherWards.items.length} total={otherWards.total} />
          </ul>
        </>
      ) : null}
      <RosterProblemTable problems={notes.items} caption={t("rosterImport.notes", { count: notes.total })} />
      <Form method="post" className="stack narrow">
        <input type="hidden" name="fileHash" value={job.fileHash} />
        {returning.total > 0 ? (
          <label className="checkbox">
            <input type="checkbox" name="clearLeft" /> {t("rosterImport.clearLeft")}
          </label>
        ) : null}
        <button type="submit" name="intent" value="confirm" className="button button--primary" disabled={submitting}>
          {t("rosterImport.confirm")}
        </button>
        <button type="submit" name="intent" value="discard" className="button button--quiet" disabled={submitting}>
          {t("rosterImport.discard")}
        </button>
      </Form>
    </section>
  );
}

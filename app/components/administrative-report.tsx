import type { ReportDocument } from "#app/utils/report-document";
import { TableScroll } from "#app/components/table-scroll";

/** The body of a report: the table per indicator, the period's activities, the adjustments and the targets note. */
export function ReportTables({ document }: { document: ReportDocument }) {
  return (
    <>
      <h2 className="admin-doc__section">{document.sections.figures}</h2>
      <Table header={document.figureHeader} rows={document.figureRows} caption={document.sections.figures} />
      {document.targetsNote ? <p className="admin-doc__note">{document.targetsNote}</p> : null}
      <h2 className="admin-doc__section">{document.sections.activities}</h2>
      <Table header={["Nội dung", "Số lượng"]} rows={document.activityRows} caption={document.sections.activities} />
      <h2 className="admin-doc__section">{document.sections.adjustments}</h2>
      {document.adjustmentRows.length === 0 ? (
        <p>{document.noAdjustments}</p>
      ) : (
        <>
          <p>{document.adjustmentsIntro}</p>
          <Table header={document.adjustmentHeader} rows={document.adjustmentRows} caption={document.sections.adjustments} />
        </>
      )}
    </>
  );
}

/** A frozen report as the printed administrative document (Decree 30/2020 layout), ready for the browser's print. */
export function AdministrativeReport({ document }: { document: ReportDocument }) {
  return (
    <article className="admin-doc" lang="vi">
      <header className="admin-doc__heading">
        <div>
          <p>{document.issuer[0]}</p>
          <p className="admin-doc__strong">{document.issuer[1]}</p>
          <hr />
          <p>{document.number}</p>
        </div>
        <div>
          <p className="admin-doc__strong">{document.nation}</p>
          <p className="admin-doc__strong">{document.motto}</p>
          <hr />
          <p className="admin-doc__date">{document.placeAndDate}</p>
        </div>
      </header>
      <h1 className="admin-doc__title">
        {document.title}
        <span>{document.subject}</span>
      </h1>
      <p>{document.basis}</p>
      <ReportTables document={document} />
      <footer className="admin-doc__footer">
        <div>
          <p className="admin-doc__strong">{document.recipients.label}</p>
          {document.recipients.lines.map((line) => (
            <p key={line} className="admin-doc__small">
              {line}
            </p>
          ))}
        </div>
        <div className="admin-doc__signature">
          <p className="admin-doc__strong">{document.signature.on}</p>
          <p className="admin-doc__strong">{document.signature.role}</p>
          <p className="admin-doc__small">{document.signature.hint}</p>
        </div>
      </footer>
    </article>
  );
}

function Table({ header, rows, caption }: { header: string[]; rows: string[][]; caption: string }) {
  return (
    <TableScroll label={caption}>
      <table className="admin-doc__table" aria-label={caption}>
        <thead>
          <tr>
            {header.map((cell) => (
              <th key={cell} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) => (
                <td key={column}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

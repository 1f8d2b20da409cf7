import PDFDocument from "pdfkit";

import { collect, loadFonts } from "./certificate-pdf.server";
import type { ReportDocument } from "./report-document";

// Decree 30/2020, Phụ lục I: A4, margins top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const INK = "#000000";

/** The printed report as an A4 PDF, Be Vietnam Pro embedded, laid out as the HTML page is. */
export async function renderReportPdf(document: ReportDocument): Promise<Buffer> {
  const fonts = await loadFonts();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    lang: "vi-VN",
    displayTitle: true,
    info: { Title: `${document.title} ${document.subject}`, Author: document.issuer.join(" ") },
  });
  for (const [name, data] of Object.entries(fonts)) doc.registerFont(name, data);
  const done = collect(doc);
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const left = MARGIN.left;
  const leftColumn = width * 0.4;
  const rightColumn = width - leftColumn;

  // The heading: issuing body and number on the left, national title, motto and date on the right.
  const top = doc.y;
  doc.fillColor(INK).font("regular").fontSize(11);
  doc.text(document.issuer[0]!, left, top, { width: leftColumn, align: "center" });
  doc.font("bold").text(document.issuer[1]!, { width: leftColumn, align: "center" });
  rule(doc, left + leftColumn / 2, doc.y + 2, 50);
  doc
    .font("regular")
    .fontSize(11)
    .text(document.number, left, doc.y + 8, { width: leftColumn, align: "center" });
  const leftBottom = doc.y;
  doc
    .font("bold")
    .fontSize(11)
    .text(document.nation, left + leftColumn, top, { width: rightColumn, align: "center" });
  doc.font("bold").fontSize(12).text(document.motto, { width: rightColumn, align: "center" });
  rule(doc, left + leftColumn + rightColumn / 2, doc.y + 2, 80);
  doc
    .font("regular")
    .fontSize(11)
    .text(document.placeAndDate, left + leftColumn, doc.y + 8, { width: rightColumn, align: "center" });
  doc.y = Math.max(leftBottom, doc.y) + 24;

  doc.font("bold").fontSize(14).text(document.title, left, doc.y, { width, align: "center" });
  doc.font("bold").fontSize(12).text(document.subject, { width, align: "center" });
  rule(doc, left + width / 2, doc.y + 4, 60);
  doc.y += 16;
  paragraph(doc, document.basis, width);

  heading(doc, document.sections.figures, width);
  table(doc, document.figureHeader, document.figureRows, [20, 130, 44, 38, 36, 40, 40, 46, width - 394]);
  if (document.targetsNote) paragraph(doc, document.targetsNote, width, "semibold");

  heading(doc, document.sections.activities, width);
  table(doc, ["Nội dung", "Số lượng"], document.activityRows, [width - 80, 80]);

  heading(doc, document.sections.adjustments, width);
  if (document.adjustmentRows.length === 0) {
    paragraph(doc, document.noAdjustments, width);
  } else {
    paragraph(doc, document.adjustmentsIntro, width);
    const columns = document.adjustmentHeader.length;
    const rest = width - 24 - 50 - 60 - 50;
    table(
      doc,
      document.adjustmentHeader,
      document.adjustmentRows,
      columns === 7 ? [24, 50, rest * 0.25, rest * 0.35, rest * 0.4, 60, 50] : [24, 50, rest * 0.45, rest * 0.55, 60, 50],
    );
  }

  // Signature block on the right, recipients on the left, kept together on one page.
  if (doc.y + 120 > doc.page.height - MARGIN.bottom) doc.addPage();
  const blockTop = doc.y + 18;
  doc.font("bold").fontSize(10).text(document.recipients.label, left, blockTop, { width: leftColumn });
  doc.font("regular").fontSize(9);
  for (const line of document.recipients.lines) doc.text(line, { width: leftColumn });
  doc
    .font("bold")
    .fontSize(12)
    .text(document.signature.on, left + leftColumn, blockTop, { width: rightColumn, align: "center" });
  doc.font("bold").fontSize(12).text(document.signature.role, { width: rightColumn, align: "center" });
  doc.font("regular").fontSize(9).fillColor("#4a5560").text(document.signature.hint, { width: rightColumn, align: "center" });

  doc.end();
  return done;
}

function rule(doc: PDFKit.PDFDocument, centre: number, y: number, halfWidth: number) {
  doc
    .moveTo(centre - halfWidth, y)
    .lineTo(centre + halfWidth, y)
    .lineWidth(0.6)
    .strokeColor(INK)
    .stroke();
}

function heading(doc: PDFKit.PDFDocument, text: string, width: number) {
  if (doc.y + 60 > doc.page.height - MARGIN.bottom) doc.addPage();
  doc
    .font("bold")
    .fontSize(11)
    .fillColor(INK)
    .text(text, MARGIN.left, doc.y + 10, { width });
  doc.y += 4;
}

function paragraph(doc: PDFKit.PDFDocument, text: string, width: number, font: "regular" | "semibold" = "regular") {
  doc
    .font(font)
    .fontSize(10)
    .fillColor(INK)
    .text(text, MARGIN.left, doc.y + 4, { width, align: "justify" });
}

/** A ruled table whose rows grow with their longest cell and move to a new page, header repeated, when full. */
function table(doc: PDFKit.PDFDocument, header: string[], rows: string[][], widths: number[]) {
  const padding = 3;
  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(8.5);
    return Math.max(...cells.map((cell, index) => doc.heightOfString(cell, { width: widths[index]! - 2 * padding }))) + 2 * padding;
  };
  const drawRow = (cells: string[], font: string) => {
    const height = heightOf(cells, font);
    if (doc.y + height > doc.page.height - MARGIN.bottom) {
      doc.addPage();
      if (cells !== header) drawRow(header, "bold");
    }
    const y = doc.y;
    let x = MARGIN.left;
    cells.forEach((cell, index) => {
      const cellWidth = widths[index]!;
      doc.rect(x, y, cellWidth, height).lineWidth(0.5).strokeColor(INK).stroke();
      doc
        .font(font)
        .fontSize(8.5)
        .fillColor(INK)
        .text(cell, x + padding, y + padding, { width: cellWidth - 2 * padding });
      x += cellWidth;
    });
    doc.y = y + height;
  };
  doc.y += 4;
  drawRow(header, "bold");
  for (const row of rows) drawRow(row, "regular");
}

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

import PDFDocument from "pdfkit";
import QRCode from "qrcode";

import type { Lang } from "#app/i18n/lang";
import { translate } from "#app/i18n/messages";
import { formatDate } from "#app/utils/dates";

export type CertificateInput = {
  /** "organisation": a business certified on its pledge not to employ child labour; "course": one learner's completed course. */
  kind: "organisation" | "course";
  /** The organisation's name or the learner's full name. */
  holderName: string;
  wardName: string;
  /** Printed on course certificates only. */
  courseTitle?: string;
  /** Printed for people who type it in rather than scan the QR code. */
  code: string;
  issuedOn: Date;
  /** null: valid with no end date. */
  expiresOn: Date | null;
  /** Absolute URL of the public verification page: printed and encoded in the QR code. */
  verifyUrl: string;
  /** "en" adds a small English line under the Vietnamese text, which stays the main text. */
  lang?: Lang;
};

// The fontsource copy of Be Vietnam Pro is split into WOFF2 unicode subsets for browsers; a PDF needs
// one whole font per weight so that Latin letters and Vietnamese diacritics share the same glyph table.
const FONT_FILES = {
  regular: "@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf",
  semibold: "@expo-google-fonts/be-vietnam-pro/600SemiBold/BeVietnamPro_600SemiBold.ttf",
  bold: "@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf",
} as const;
type FontName = keyof typeof FONT_FILES;

// Resolved from this module so that it works from the server build in build/ and from the sources under Vitest.
const requireFromHere = createRequire(import.meta.url);
let fontsLoading: Promise<Record<FontName, Buffer>> | undefined;

export function loadFonts() {
  fontsLoading ??= readFonts();
  return fontsLoading;
}

async function readFonts() {
  const read = (specifier: string) => readFile(requireFromHere.resolve(specifier));
  const [regular, semibold, bold] = await Promise.all([read(FONT_FILES.regular), read(FONT_FILES.semibold), read(FONT_FILES.bold)]);
  return { regular, semibold, bold };
}

// The site's own palette (app/styles/app.css), so that a printed certificate looks like the pages it came from.
const COLOURS = { brand: "#0b5394", brandDark: "#083c6b", ink: "#1b1f23", muted: "#4a5560" };

const TEXT = {
  vi: {
    organisationTitle: "GIẤY CHỨNG NHẬN",
    // What the certificate rests on, in the words the verification page and the registry use:
    // the ward reviewed a self-assessment and a pledge, it did not establish a fact.
    organisationSubtitle: translate("vi", "cert.subtitle"),
    organisationIntro: "Chứng nhận cơ sở",
    organisationStatement: translate("vi", "cert.basis"),
    courseTitle: "GIẤY CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC",
    courseIntro: "Chứng nhận học viên",
    courseStatement: "đã hoàn thành khóa học",
    ward: "Phường",
    code: "Mã chứng nhận",
    issuedOn: "Ngày cấp",
    expiresOn: "Có giá trị đến",
    noExpiry: "Không thời hạn",
    verify: "Quét mã QR hoặc vào địa chỉ trên để kiểm tra hiệu lực",
  },
  en: {
    organisationTitle: "CERTIFICATE",
    organisationSubtitle: translate("en", "cert.subtitle"),
    organisationIntro: "This certifies that",
    organisationStatement: translate("en", "cert.basis"),
    courseTitle: "CERTIFICATE OF COURSE COMPLETION",
    courseIntro: "This certifies that",
    courseStatement: "has completed the course",
    ward: "Ward",
    code: "Certificate code",
    issuedOn: "Issued on",
    expiresOn: "Valid until",
    noExpiry: "No expiry",
    verify: "Scan the QR code or visit the address above to check validity",
  },
} as const;

const MARGIN_X = 64;
// The details and QR code sit at the same height on every certificate unless a long name or course pushes them down.
const DETAILS_TOP = 480;
const QR_SIZE = 132;
// QR readers need four light modules around the symbol (ISO/IEC 18004 quiet zone).
const QR_QUIET_MODULES = 4;

/** An A4 one-page certificate, text in an embedded Be Vietnam Pro, with a QR code of verifyUrl. */
export async function renderCertificatePdf(input: CertificateInput): Promise<Buffer> {
  const fonts = await loadFonts();
  const lang = input.lang ?? "vi";
  const vi = TEXT.vi;
  const en = lang === "en" ? TEXT.en : undefined;
  // Text pasted from some keyboards and files arrives decomposed (NFD); NFC gives each letter its precomposed glyph
  // and makes the PDF's text copy and search like the name as the holder writes it.
  const holderName = input.holderName.normalize("NFC");
  const wardName = input.wardName.normalize("NFC");
  const courseTitle = input.courseTitle?.normalize("NFC");
  const title = input.kind === "organisation" ? vi.organisationTitle : vi.courseTitle;

  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    lang: "vi-VN",
    displayTitle: true,
    info: {
      Title: `${title}: ${holderName}`,
      Author: translate("vi", "site.name"),
      Subject: input.code,
    },
  });
  for (const [name, data] of Object.entries(fonts)) doc.registerFont(name, data);
  const done = collect(doc);

  const pageWidth = doc.page.width;
  const contentWidth = pageWidth - 2 * MARGIN_X;

  const centred = (text: string, font: FontName, size: number, colour: string, gapBefore = 0) => {
    doc.font(font).fontSize(size).fillColor(colour);
    doc.text(text, MARGIN_X, doc.y + gapBefore, { width: contentWidth, align: "center" });
  };
  const centredWithEnglish = (viText: string, enText: string | undefined, font: FontName, size: number, colour: string, gapBefore = 0) => {
    centred(viText, font, size, colour, gapBefore);
    if (enText) centred(enText, "regular", Math.max(8, size * 0.55), COLOURS.muted, 2);
  };

  drawFrame(doc);

  doc.y = 64;
  centredWithEnglish(translate("vi", "site.name").toLocaleUpperCase("vi"), en && translate("en", "site.name"), "semibold", 10, COLOURS.brand);
  const ruleY = doc.y + 10;
  doc
    .moveTo(pageWidth / 2 - 40, ruleY)
    .lineTo(pageWidth / 2 + 40, ruleY)
    .lineWidth(1)
    .strokeColor(COLOURS.brand)
    .stroke();

  doc.y = ruleY + 36;
  const titleSize = fitFontSize(doc, title, "bold", 28, 18, contentWidth);
  if (input.kind === "organisation") {
    centredWithEnglish(title, en?.organisationTitle, "bold", titleSize, COLOURS.brandDark);
    centredWithEnglish(vi.organisationSubtitle, en?.organisationSubtitle, "semibold", 16, COLOURS.ink, 6);
    centredWithEnglish(vi.organisationIntro, en?.organisationIntro, "regular", 12, COLOURS.muted, 40);
  } else {
    centredWithEnglish(title, en?.courseTitle, "bold", titleSize, COLOURS.brandDark);
    centredWithEnglish(vi.courseIntro, en?.courseIntro, "regular", 12, COLOURS.muted, 40);
  }
  centred(holderName, "bold", fitFontSize(doc, holderName, "bold", 30, 18, contentWidth), COLOURS.brandDark, 10);
  centredWithEnglish(`${vi.ward} ${wardName}`, en && `${wardName} ${en.ward}`, "regular", 14, COLOURS.ink, 6);

  if (input.kind === "organisation") {
    centredWithEnglish(vi.organisationStatement, en?.organisationStatement, "regular", 12, COLOURS.ink, 28);
  } else {
    centredWithEnglish(vi.courseStatement, en?.courseStatement, "regular", 12, COLOURS.muted, 28);
    if (courseTitle) centred(courseTitle, "semibold", fitFontSize(doc, courseTitle, "semibold", 18, 14, contentWidth), COLOURS.brand, 6);
  }

  const blockTop = Math.max(doc.y + 40, DETAILS_TOP);
  const qrLeft = pageWidth - MARGIN_X - QR_SIZE;
  drawDetails(doc, blockTop, qrLeft - MARGIN_X - 16, [
    [vi.code, en?.code, input.code],
    [vi.issuedOn, en?.issuedOn, formatDate(input.issuedOn)],
    [vi.expiresOn, en?.expiresOn, input.expiresOn ? formatDate(input.expiresOn) : en ? `${vi.noExpiry} / ${en.noExpiry}` : vi.noExpiry],
  ]);
  drawQrCode(doc, input.verifyUrl, qrLeft, blockTop, QR_SIZE);
  doc.link(qrLeft, blockTop, QR_SIZE, QR_SIZE, input.verifyUrl);

  doc.y = blockTop + QR_SIZE + 24;
  doc
    .font("semibold")
    .fontSize(fitFontSize(doc, input.verifyUrl, "semibold", 11, 7, contentWidth))
    .fillColor(COLOURS.brand);
  doc.text(input.verifyUrl, MARGIN_X, doc.y, { width: contentWidth, align: "center", link: input.verifyUrl });
  centredWithEnglish(vi.verify, en?.verify, "regular", 10, COLOURS.muted, 6);

  doc.end();
  return done;
}

export function collect(doc: PDFKit.PDFDocument) {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

function drawFrame(doc: PDFKit.PDFDocument) {
  const { width, height } = doc.page;
  doc
    .rect(24, 24, width - 48, height - 48)
    .lineWidth(2)
    .strokeColor(COLOURS.brand)
    .stroke();
  doc
    .rect(31, 31, width - 62, height - 62)
    .lineWidth(0.5)
    .strokeColor(COLOURS.brand)
    .stroke();
}

/** The largest size, down to minSize, at which text fits on one line; below that it wraps. */
function fitFontSize(doc: PDFKit.PDFDocument, text: string, font: FontName, maxSize: number, minSize: number, width: number) {
  doc.font(font);
  for (let size = maxSize; size > minSize; size -= 1) {
    if (doc.fontSize(size).widthOfString(text) <= width) return size;
  }
  return minSize;
}

function drawDetails(doc: PDFKit.PDFDocument, top: number, width: number, rows: [string, string | undefined, string][]) {
  doc.y = top + 4;
  for (const [viLabel, enLabel, value] of rows) {
    doc.font("regular").fontSize(10).fillColor(COLOURS.muted);
    doc.text(enLabel ? `${viLabel} / ${enLabel}` : viLabel, MARGIN_X, doc.y, { width });
    doc.font("bold").fontSize(14).fillColor(COLOURS.ink);
    doc.text(value, MARGIN_X, doc.y + 2, { width });
    doc.y += 12;
  }
}

/** Vector modules rather than an image: sharp at any print resolution, and a few hundred bytes. */
function drawQrCode(doc: PDFKit.PDFDocument, text: string, left: number, top: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const moduleSize = size / (modules.size + 2 * QR_QUIET_MODULES);
  const originX = left + QR_QUIET_MODULES * moduleSize;
  const originY = top + QR_QUIET_MODULES * moduleSize;
  // One rectangle per horizontal run of dark modules, all filled as one path, so that no hairline seams
  // appear between neighbouring modules when a viewer anti-aliases each shape separately.
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const runStart = col;
      while (col < modules.size && modules.get(row, col)) col++;
      doc.rect(originX + runStart * moduleSize, originY + row * moduleSize, (col - runStart) * moduleSize, moduleSize);
    }
  }
  doc.fillColor("#000000").fill();
}

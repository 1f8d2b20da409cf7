import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, expect, test } from "vitest";

import { translate } from "#app/i18n/messages";

import { renderCertificatePdf, type CertificateInput } from "./certificate-pdf.server";

// poppler-utils (scripts/install-test-deps.sh): the same text extraction and rasterising that
// printers, search indexes and screen readers rely on, rather than our own reading of the PDF.
const run = promisify(execFile);

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "certificate-pdf-"));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const VERIFY_URL = "https://example.vn/xac-minh/VP-2026-0042-XK7Q";

const organisationCertificate: CertificateInput = {
  kind: "organisation",
  holderName: "Hợp tác xã Lụa Vạn Phúc",
  wardName: "Vạn Phúc",
  code: "VP-2026-0042-XK7Q",
  // 01:30 on 15 March in Hà Nội, still 14 March in UTC.
  issuedOn: new Date("2026-03-14T18:30:00Z"),
  // Midnight at the start of 15 March 2028 in Hà Nội.
  expiresOn: new Date("2028-03-14T17:00:00Z"),
  verifyUrl: VERIFY_URL,
};

async function writePdf(name: string, input: CertificateInput) {
  const file = path.join(workDir, `${name}.pdf`);
  await writeFile(file, await renderCertificatePdf(input));
  return file;
}

/** pdftotext breaks lines where the page does: a sentence is compared with its lines joined. */
function oneLine(text: string) {
  return text.replace(/\s+/g, " ");
}

async function textOf(pdfFile: string) {
  const { stdout } = await run("pdftotext", ["-enc", "UTF-8", pdfFile, "-"]);
  return stdout;
}

test("an organisation certificate reads with its Vietnamese name, ward, code and Hà Nội dates", async () => {
  const text = await textOf(await writePdf("organisation", organisationCertificate));

  expect(text).toContain("GIẤY CHỨNG NHẬN");
  expect(text).toContain("Cơ sở cam kết không sử dụng lao động trẻ em");
  expect(text).toContain("Hợp tác xã Lụa Vạn Phúc");
  expect(text).toContain("Phường Vạn Phúc");
  expect(text).toContain("VP-2026-0042-XK7Q");
  expect(text).toContain("15/03/2026");
  expect(text).toContain("15/03/2028");
  expect(text).not.toContain("14/03/2026");
  expect(text).toContain(VERIFY_URL);
  expect(text).toContain("Quét mã QR hoặc vào địa chỉ trên để kiểm tra hiệu lực");
});

// Issue 17, item 15: the ward reviewed a self-assessment and a pledge; the certificate must not
// state as a fact that the establishment employs no children.
test("an organisation certificate says what it rests on, not that the establishment employs no children", async () => {
  const text = oneLine(await textOf(await writePdf("basis", organisationCertificate)));
  expect(text).toContain(translate("vi", "cert.basis"));
  expect(text).toContain("Cơ sở đã hoàn thành khóa học dành cho doanh nghiệp, tự đánh giá, cam kết");
  expect(text).toContain("được phường xem xét, chấp thuận hồ sơ");
  expect(text).not.toMatch(/(?<!cam kết )không sử dụng lao động trẻ em/);
});

test("a course certificate names the learner and the course, and says when it never expires", async () => {
  const text = await textOf(
    await writePdf("course", {
      ...organisationCertificate,
      kind: "course",
      holderName: "Nguyễn Thị Ánh Tuyết",
      courseTitle: "Phòng chống lao động trẻ em cho hộ gia đình",
      expiresOn: null,
    }),
  );

  expect(text).toContain("GIẤY CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC");
  expect(text).toContain("Nguyễn Thị Ánh Tuyết");
  expect(text).toContain("Phòng chống lao động trẻ em cho hộ gia đình");
  expect(text).toContain("Không thời hạn");
  expect(text).not.toContain("sử dụng lao động trẻ em");
});

test("a name typed with decomposed accents copies out as the precomposed name", async () => {
  const decomposed = "Nguyễn Thị Ánh Tuyết".normalize("NFD");
  const text = await textOf(await writePdf("decomposed", { ...organisationCertificate, kind: "course", holderName: decomposed }));

  expect(text).toContain("Nguyễn Thị Ánh Tuyết".normalize("NFC"));
});

test("the English version keeps the Vietnamese text and adds English under it", async () => {
  const text = await textOf(await writePdf("english", { ...organisationCertificate, lang: "en" }));

  expect(text).toContain("Cơ sở cam kết không sử dụng lao động trẻ em");
  expect(text).toContain("Establishment pledged not to employ child labour");
  expect(oneLine(text)).toContain(translate("en", "cert.basis"));
  expect(text).toContain("Scan the QR code or visit the address above to check validity");
});

test("the QR code on the printed page scans to the verification address", async () => {
  const pdfFile = await writePdf("qr", organisationCertificate);
  const pngBase = path.join(workDir, "qr-page");
  await run("pdftoppm", ["-png", "-r", "150", "-singlefile", pdfFile, pngBase]);
  const page = PNG.sync.read(await readFile(`${pngBase}.png`));

  const decoded = jsQR(new Uint8ClampedArray(page.data), page.width, page.height);

  expect(decoded?.data).toBe(VERIFY_URL);
});

test("the certificate is one A4 portrait page", async () => {
  const { stdout } = await run("pdfinfo", [await writePdf("info", organisationCertificate)]);

  expect(stdout).toMatch(/^Pages:\s+1$/m);
  const size = stdout.match(/^Page size:\s+([\d.]+) x ([\d.]+) pts/m);
  expect(Number(size?.[1])).toBeCloseTo(595.28, 0);
  expect(Number(size?.[2])).toBeCloseTo(841.89, 0);
});

test("every font is embedded with a Unicode map, so the page prints and copies the same everywhere", async () => {
  const { stdout } = await run("pdffonts", [await writePdf("fonts", organisationCertificate)]);
  const [header = "", dashes = "", ...rows] = stdout.trimEnd().split("\n");
  // pdffonts prints fixed-width columns whose extent its dashed line shows; some type names contain spaces.
  const columns = [...dashes.matchAll(/-+/g)].map((match) => ({
    name: header.slice(match.index, match.index + match[0].length).trim(),
    start: match.index,
    end: match.index + match[0].length,
  }));
  const fonts = rows.map((row) => Object.fromEntries(columns.map(({ name, start, end }) => [name, row.slice(start, end).trim()])));

  expect(fonts.map((font) => font.name?.replace(/^[A-Z]{6}\+/, ""))).toEqual(expect.arrayContaining(["BeVietnamPro-Regular", "BeVietnamPro-Bold"]));
  for (const font of fonts) expect(font).toMatchObject({ emb: "yes", uni: "yes" });
});

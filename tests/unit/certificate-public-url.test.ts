import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expect, test, vi } from "vitest";

import { newVerificationCode } from "#app/models/certification/rules.server";
import { loader } from "#app/routes/chung-nhan.$code.pdf";
import { startSession } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";
import { createDistrict, createUser } from "#tests/fixtures/units";

// The configured address, read by env.server.ts when it is first imported.
vi.hoisted(() => {
  process.env.PUBLIC_URL = "https://taphuan.example.gov.vn/";
});

const run = promisify(execFile);

test("a certificate's QR code and printed link use PUBLIC_URL, whatever Host the request named", async () => {
  const { vanPhuc } = await createDistrict();
  const learner = await createUser({ unitId: vanPhuc.id, fullName: "Người Nhận Giấy" });
  const code = newVerificationCode();
  await prisma.certificate.create({
    data: {
      kind: "course",
      code,
      userId: learner.id,
      courseSlug: "bat-ky",
      holderName: "Người Nhận Giấy",
      holderSearchName: foldForSearch("Người Nhận Giấy"),
      unitId: vanPhuc.id,
      issuedAt: new Date(),
    },
    select: { id: true },
  });
  const cookie = (await startSession(learner.id)).split(";")[0]!;
  const request = new Request(`http://ke-gian.example/chung-nhan/${code}/pdf`, { headers: { Cookie: cookie, Host: "ke-gian.example" } });

  const response = await loader({ request, params: { code }, context: {} });

  const dir = await mkdtemp(path.join(tmpdir(), "certificate-url-"));
  try {
    const pdfFile = path.join(dir, "giay.pdf");
    await writeFile(pdfFile, new Uint8Array(await response.arrayBuffer()));
    const expected = `https://taphuan.example.gov.vn/xac-minh/${code}`;
    const { stdout: text } = await run("pdftotext", ["-enc", "UTF-8", pdfFile, "-"]);
    expect(text.replace(/\s+/g, "")).toContain(expected);
    expect(text).not.toContain("ke-gian");
    await run("pdftoppm", ["-png", "-r", "150", "-singlefile", pdfFile, path.join(dir, "trang")]);
    const page = PNG.sync.read(await readFile(path.join(dir, "trang.png")));
    expect(jsQR(new Uint8ClampedArray(page.data), page.width, page.height)?.data).toBe(expected);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);

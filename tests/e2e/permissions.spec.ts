import { readdirSync } from "node:fs";

import { expect, test } from "./fixtures";
import { MATRIX, type Expected } from "./route-matrix";
import { clientFor, makeWorld, ROLES, type World } from "./world";

let world: Promise<World> | undefined;

function outcome(status: number, location: string | undefined): Expected | number {
  if (status >= 300 && status < 400) return location?.startsWith("/dang-nhap") ? "sign-in" : "redirect";
  return status;
}

test("every route has a line in the permission matrix", () => {
  // A route folder counts by its route.tsx; the section components beside it are not routes.
  const routes = readdirSync("app/routes", { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return /\.tsx?$/.test(entry.name) ? [entry.name] : [];
    return readdirSync(`app/routes/${entry.name}`).flatMap((file) => (/^route\.tsx?$/.test(file) ? [`${entry.name}/${file}`] : []));
  });
  expect(
    routes.filter((file) => !(file in MATRIX)),
    "routes without a line in the matrix",
  ).toEqual([]);
  expect(
    Object.keys(MATRIX).filter((file) => !routes.includes(file)),
    "lines for routes that no longer exist",
  ).toEqual([]);
});

for (const [file, row] of Object.entries(MATRIX)) {
  test(`permissions: ${file}`, async ({ baseURL }) => {
    world ??= makeWorld();
    const url = row.url(await world);
    const answers: Record<string, Expected | number> = {};
    for (const role of ROLES) {
      const client = await clientFor(await world, role, baseURL!);
      const response = row.method === "POST" ? await client.post(url, { form: {} }) : await client.get(url);
      answers[role] = outcome(response.status(), response.headers().location);
      await client.dispose();
    }
    expect(answers, `${row.method ?? "GET"} ${url}`).toEqual(row.expect);
  });
}

/** The same text with the id as a placeholder and this response's script nonce removed. */
function comparable(body: string, id: string) {
  return body
    .replaceAll(id, "<id>")
    .replace(/nonce="[^"]*"/g, "")
    .replace(/nonce=\\"[^"]*\\"/g, "");
}

/** An id of the same shape as `id` that nothing has: each letter and digit replaced at random. */
function unknownLike(id: string) {
  const pick = (from: string) => from[Math.floor(Math.random() * from.length)]!;
  return id
    .replace(/[a-z]/g, () => pick("abcdefghijklmnopqrstuvwxyz"))
    .replace(/[A-Z]/g, () => pick("ABCDEFGHJKLMNPQRSTUVWXYZ"))
    .replace(/[0-9]/g, () => pick("0123456789"));
}

test("another ward's record answers exactly as an id that does not exist: same status, same page", async ({ baseURL }) => {
  world ??= makeWorld();
  const current = await world;
  const records: { id: string; url: (id: string) => string }[] = [
    { id: current.learnerId, url: (id) => `/quan-tri/nguoi-dung/${id}` },
    { id: current.trainingSessionId, url: (id) => `/quan-tri/buoi-hoc/${id}` },
    { id: current.trainingSessionId, url: (id) => `/quan-tri/buoi-hoc/${id}/giay-moi` },
    { id: current.applicationId, url: (id) => `/quan-tri/chung-nhan/${id}` },
    { id: current.wardCode, url: (id) => `/quan-tri/bao-cao/${id}` },
    { id: current.certificateCode, url: (id) => `/chung-nhan/${id}/pdf` },
  ];
  for (const { id, url } of records) {
    const unknown = unknownLike(id);
    const answers = [];
    for (const asked of [id, unknown]) {
      const client = await clientFor(current, "otherWardAdmin", baseURL!);
      const response = await client.get(url(asked));
      answers.push({ status: response.status(), body: comparable(await response.text(), asked) });
      await client.dispose();
    }
    expect(answers[0]!.status, url(id)).toBe(404);
    expect(answers[0], `${url(id)} against ${url(unknown)}`).toEqual(answers[1]);
  }
});

// `npm run bench:offline`: what "Tải về để học khi không có mạng" brings to the phone, per course:
// the size the course page announces, and the size measured by downloading every kept address as
// the phone does (its pages, quizzes and images) plus the app's own files the service worker keeps.
// Target (issue 20): the households course in 1.5 MB or less. Needs a build (`npm run build`).
import { readFileSync } from "node:fs";

import type { KeptCourse } from "#app/utils/offline";

import { startBenchServer } from "./bench-server";

const PORT = Number(process.env.BENCH_PORT ?? 3201);
const ORIGIN = `http://localhost:${PORT}`;
const LIMIT = 1.5 * 1024 * 1024;

const server = await startBenchServer({ port: PORT, databaseFile: "data/bench-offline.db" });
const cookie = server.learnerCookie;
const { getCatalogue } = await import("#app/content/catalogue.server");
const shell = JSON.parse(readFileSync("build/offline-shell.json", "utf8")) as { files: number; bytes: number };

async function bytesOf(path: string) {
  const response = await fetch(`${ORIGIN}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return (await response.arrayBuffer()).byteLength;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`.padStart(8);

try {
  console.log(`App files kept once for every course: ${shell.files} files, ${kb(shell.bytes).trim()}`);
  console.log(`${"course".padEnd(20)} ${"announced".padStart(9)} ${"measured".padStart(9)} ${"pages".padStart(8)} ${"page shell".padStart(10)}`);
  let households = 0;
  for (const course of (await getCatalogue()).courses) {
    const announced = (await (await fetch(`${ORIGIN}/khoa-hoc/${course.slug}/tai-ve`, { headers: { Cookie: cookie } })).json()) as { bytes: number };
    const started = await fetch(`${ORIGIN}/khoa-hoc/${course.slug}/tai-ve`, { method: "POST", headers: { Cookie: cookie, Origin: ORIGIN } });
    const kept = (await started.json()) as KeptCourse;
    const sizes = await Promise.all(kept.urls.map(bytesOf));
    const pages = sizes.reduce((sum, size) => sum + size, 0);
    // A page with next to nothing of its own: what every kept page costs around its text
    // (PAGE_SHELL_BYTES in app/models/offline.server.ts).
    const pageShell = sizes[kept.urls.indexOf("/ngoai-tuyen")] ?? 0;
    const measured = pages + shell.bytes;
    if (course.audiences.includes("HH")) households = measured;
    console.log(`${course.slug.padEnd(20)} ${kb(announced.bytes)}  ${kb(measured)} ${kb(pages)} ${`${(pageShell / 1024).toFixed(1)} KB`.padStart(10)}`);
  }
  console.log(`households course: ${kb(households).trim()} (target <= 1.5 MB: ${households <= LIMIT ? "met" : "NOT met"})`);
} finally {
  await server.stop();
}

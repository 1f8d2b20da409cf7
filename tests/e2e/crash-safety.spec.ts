import { rmSync } from "node:fs";

import Database from "better-sqlite3";

import { getCatalogue } from "#app/content/catalogue.server";
import { optionsOf } from "#app/models/grade.server";
import { ROSTER_COLUMNS } from "#app/models/roster-file.server";
import { formatNumber } from "#app/utils/numbers";

import { type AppServer, importRosterOn, makeWardAdmin, postTo, serverSandbox, signUpOn, startAppServer, wardIdOf } from "./app-server";
import { expect, test } from "./fixtures";

// Issue 7, item 3: the server is killed (SIGKILL: no shutdown, no flush) while learners submit
// quizzes and an admin imports rosters. After each kill the SQLite file must pass its integrity
// check, hold every write the server acknowledged, and hold each import whole or not at all.
const RUNS = 3;
const LEARNERS = 12;
const IMPORTERS = 2;
// Each importer writes its own target group: an import previewed while another changed the same
// group's roster is refused at confirmation (issue 14), which is not what this test is about.
const IMPORT_GROUPS = ["HH", "COOP"] as const;
const ROWS_PER_IMPORT = 1500;

type Acknowledged = { attempts: Set<string>; imports: Set<string> };

// Once with one server process, once with one per core on the one SQLite file (WEB_CONCURRENCY=2),
// where each restart must also fail only the imports the killed processes were running.
for (const webConcurrency of [1, 2]) {
  test(`a server killed mid-write loses no acknowledged submission or import and leaves no import half-applied (WEB_CONCURRENCY=${webConcurrency})`, async () => {
    test.setTimeout(300_000);
    const sandbox = await serverSandbox("plte-crash-");
    const { dir, databaseFile, base } = sandbox;
    const env = { ...sandbox.env, WEB_CONCURRENCY: String(webConcurrency) };
    const wardId = wardIdOf(databaseFile, "HN-HA-DONG");
    const { courses } = await getCatalogue();
    const modules = courses.flatMap((course) => course.modules.map((module) => ({ course, module })));

    const post = (target: string, cookie: string, body: URLSearchParams | FormData) => postTo(base, target, cookie, body);

    /** Starts a quiz and submits it with every answer right; the attempt id once the server has acknowledged it. */
    async function submitQuiz(cookie: string, turn: number) {
      const { course, module } = modules[turn % modules.length]!;
      const started = await post(`/khoa-hoc/${course.slug}/${module.slug}`, cookie, new URLSearchParams({ intent: "start-quiz" }));
      const attemptId = /\/kiem-tra\/([^/?#]+)/.exec(started.headers.get("location") ?? "")?.[1];
      if (!attemptId) throw new Error(`quiz not started: HTTP ${started.status}`);
      // Only the questions this attempt drew from the pool, as its page shows them.
      const quizPage = await (await fetch(`${base}/kiem-tra/${attemptId}`, { headers: { cookie } })).text();
      const drawn = new Set(Array.from(quizPage.matchAll(/name="q\.([a-z0-9-]+)"/g), (match) => match[1]));
      const answers = new URLSearchParams();
      for (const question of module.quiz.questions.filter((candidate) => drawn.has(candidate.id))) {
        for (const option of optionsOf(question).filter((candidate) => candidate.correct)) answers.append(`q.${question.id}`, option.id);
      }
      const submitted = await post(`/kiem-tra/${attemptId}`, cookie, answers);
      // The redirect to the result is the acknowledgement.
      return submitted.status === 302 ? attemptId : null;
    }

    /** Imports a roster of its own external ids; true once the server has acknowledged all its rows. */
    async function importRoster(cookie: string, batch: string, targetGroup: string) {
      const header = [ROSTER_COLUMNS.name, ROSTER_COLUMNS.externalId].join(",");
      const rows = Array.from({ length: ROWS_PER_IMPORT }, (_, row) => `Hộ ${batch} số ${row},${batch}-${row}`);
      const form = new FormData();
      form.set("unitId", wardId);
      form.set("targetGroup", targetGroup);
      form.set("file", new Blob([`${header}\r\n${rows.join("\r\n")}\r\n`], { type: "text/csv" }), `${batch}.csv`);
      const result = await importRosterOn(base, cookie, form);
      return result !== null && result.includes(`Đã nhập xong: ${formatNumber(ROWS_PER_IMPORT)} mục mới`);
    }

    let server: AppServer = await startAppServer(env);
    const learners = await Promise.all(
      Array.from({ length: LEARNERS }, (_, index) => signUpOn(base, wardId, `Học viên sập máy ${index}`, `0977${String(index).padStart(6, "0")}`)),
    );
    const adminCookie = await signUpOn(base, wardId, "Cán bộ sập máy", "0966000001");
    makeWardAdmin(databaseFile, "0966000001");

    const acknowledged: Acknowledged = { attempts: new Set(), imports: new Set() };
    const batches: string[] = [];
    try {
      for (let run = 1; run <= RUNS; run++) {
        let alive = true;
        let importsInFlight = 0;
        let failedByKill = 0;
        const acknowledgedBefore = { attempts: acknowledged.attempts.size, imports: acknowledged.imports.size };
        const learning = learners.map(async (cookie, index) => {
          for (let turn = index; alive; turn++) {
            const attemptId = await submitQuiz(cookie, turn).catch(() => (failedByKill++, null));
            if (attemptId) acknowledged.attempts.add(attemptId);
          }
        });
        const importing = Array.from({ length: IMPORTERS }, async (_, importer) => {
          for (let file = 0; alive; file++) {
            const batch = `SAP-${run}-${importer}-${file}`;
            batches.push(batch);
            importsInFlight++;
            const done = await importRoster(adminCookie, batch, IMPORT_GROUPS[importer]!).catch(() => (failedByKill++, false));
            importsInFlight--;
            if (done) acknowledged.imports.add(batch);
          }
        });
        // Killed once work has been acknowledged in this run, at a moment that differs from run to run.
        await expect
          .poll(() => acknowledged.imports.size > acknowledgedBefore.imports && acknowledged.attempts.size >= acknowledgedBefore.attempts + 20, { timeout: 120_000 })
          .toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 150 * run));
        const importsInFlightAtKill = importsInFlight;
        alive = false;
        server.kill("SIGKILL");
        expect(await server.exited).toBeNull();
        await expect.poll(server.groupAlive).toBe(false);
        await Promise.all([...learning, ...importing]);
        expect(importsInFlightAtKill, `run ${run}: imports were in flight when the server was killed`).toBeGreaterThan(0);
        expect(failedByKill, `run ${run}: requests were cut off by the kill`).toBeGreaterThan(0);

        // The file as the killed process left it, before any new process touches it.
        const db = new Database(databaseFile);
        try {
          expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
          expect(db.pragma("integrity_check", { simple: true }), `run ${run}: integrity check`).toBe("ok");
          const submitted = new Set((db.prepare(`SELECT "id" FROM "QuizAttempt" WHERE "submittedAt" IS NOT NULL`).all() as { id: string }[]).map((row) => row.id));
          const lost = [...acknowledged.attempts].filter((id) => !submitted.has(id));
          expect(lost, `run ${run}: acknowledged submissions missing`).toEqual([]);
          const rowsOf = db.prepare(`SELECT count(*) AS n FROM "RosterEntry" WHERE "externalId" LIKE ? || '-%'`);
          for (const batch of batches) {
            const { n } = rowsOf.get(batch) as { n: number };
            if (acknowledged.imports.has(batch)) expect(n, `run ${run}: acknowledged import ${batch}`).toBe(ROWS_PER_IMPORT);
            else expect([0, ROWS_PER_IMPORT], `run ${run}: cut-off import ${batch}, whole or nothing`).toContain(n);
          }
        } finally {
          db.close();
        }

        // The restarted server is ready and takes work again.
        server = await startAppServer(env);
        expect((await fetch(`${base}/readyz`)).status).toBe(200);
        // Imports the kill interrupted are marked failed at the start, not left "in progress".
        const jobs = new Database(databaseFile, { readonly: true });
        expect(jobs.prepare(`SELECT count(*) AS n FROM "ImportJob" WHERE "status" IN ('queued', 'reading', 'writing')`).get(), `run ${run}: interrupted imports`).toEqual({ n: 0 });
        jobs.close();
        const after = await submitQuiz(learners[0]!, run);
        expect(after).not.toBeNull();
        acknowledged.attempts.add(after!);
      }
      console.log(
        `crash safety (WEB_CONCURRENCY=${webConcurrency}): ${RUNS} SIGKILLs survived; ${acknowledged.attempts.size} acknowledged submissions and ${acknowledged.imports.size} acknowledged imports of ${ROWS_PER_IMPORT} rows, none lost; ${batches.length - acknowledged.imports.size} cut-off imports, none half-applied`,
      );
    } finally {
      server.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

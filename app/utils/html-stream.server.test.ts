import { PassThrough, type Writable } from "node:stream";
import { text } from "node:stream/consumers";

import { createElement, lazy, Suspense } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, test, vi } from "vitest";

import { createHtmlBody, renderHtmlResponse } from "./html-stream.server";

/** The HTML React streams for these paragraphs, piped through `body`. */
function render(paragraphs: string[], body: Writable & NodeJS.ReadableStream) {
  return new Promise<string>((resolve, reject) => {
    const { pipe } = renderToPipeableStream(
      createElement(
        "main",
        null,
        paragraphs.map((words, index) => createElement("p", { key: index }, words)),
      ),
      {
        onAllReady() {
          text(body).then(resolve, reject);
          pipe(body);
        },
        onShellError: reject,
      },
    );
  });
}

// Pages of short Vietnamese paragraphs (as lists and tables are), shifted by one byte at a time so
// that some put a two- or three-byte letter ("ộ", "ệ", "ẻ") across React's 2,048-byte boundary.
const vietnamese = "Phòng, chống lao động trẻ em là trách nhiệm của cộng đồng và gia đình.";
const pages = Array.from({ length: 8 }, (_, shift) => ["x".repeat(shift), ...Array.from({ length: 60 }, () => vietnamese)]);

describe("the HTML stream of a page", () => {
  test("as React sends it, some pages carry NUL bytes (the bug this module works around)", async () => {
    const outputs = await Promise.all(pages.map((page) => render(page, new PassThrough())));
    expect(outputs.some((html) => html.includes("\0"))).toBe(true);
  });

  test("through createHtmlBody, no page carries a NUL byte or a broken character, and no text is lost", async () => {
    const outputs = await Promise.all(pages.map((page) => render(page, createHtmlBody())));
    for (const [index, html] of outputs.entries()) {
      expect(html).not.toContain("\0");
      expect(html).not.toContain("\uFFFD");
      expect(html).toBe(`<main>${pages[index]!.map((words) => `<p>${words}</p>`).join("")}</main>`);
    }
  });

  test("a page React writes at once leaves as one piece, not React's 2 KB pieces", async () => {
    const body = createHtmlBody();
    const pieces: string[] = [];
    body.on("data", (piece: Buffer) => pieces.push(piece.toString()));
    const ended = new Promise((resolve) => body.on("end", resolve));
    const { pipe } = renderToPipeableStream(
      createElement(
        "main",
        null,
        pages[0]!.map((words, index) => createElement("p", { key: index }, words)),
      ),
      {
        onAllReady: () => pipe(body),
      },
    );
    await ended;
    expect(Buffer.byteLength(pieces.join(""))).toBeGreaterThan(2 * 2048);
    expect(pieces).toHaveLength(1);
  });

  test("what React sends later (a part still loading) still follows the first piece as its own", async () => {
    let finishLoading = () => {};
    const Later = lazy(() => new Promise<{ default: () => string }>((resolve) => (finishLoading = () => resolve({ default: () => "phần đến sau" }))));
    const body = createHtmlBody();
    const pieces: string[] = [];
    const firstPiece = new Promise<void>((resolve) => body.once("data", () => resolve()));
    body.on("data", (piece: Buffer) => pieces.push(piece.toString()));
    const { pipe } = renderToPipeableStream(createElement("main", null, "trang", createElement(Suspense, { fallback: "đang tải" }, createElement(Later))), {
      onShellReady: () => pipe(body),
    });
    await firstPiece;
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toContain("đang tải");
    expect(pieces[0]).not.toContain("phần đến sau");
    finishLoading();
    await new Promise((resolve) => body.on("end", resolve));
    expect(pieces).toHaveLength(2);
    expect(pieces[1]).toContain("phần đến sau");
  });
});

describe("a page rendered as a Response", () => {
  const options = { status: 200, nonce: "", waitForAll: false, abortDelayMs: 5_000 };
  const pendingTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;

  test("a page rendered in full leaves no timer behind (it would hold the render's memory until it fired)", async () => {
    const before = pendingTimers();
    const response = await renderHtmlResponse(createElement("main", null, vietnamese), { ...options, headers: new Headers() });
    expect(await response.text()).toBe(`<main>${vietnamese}</main>`);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(pendingTimers()).toBe(before);
  });

  test("a part that never loads is given up after the delay (said once in the log), for browsers and bots", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const Never = lazy(() => new Promise<{ default: () => string }>(() => {}));
    const page = createElement("main", null, "trang", createElement(Suspense, { fallback: "đang tải" }, createElement(Never)));
    const started = performance.now();
    const forBrowser = await renderHtmlResponse(page, { ...options, headers: new Headers(), abortDelayMs: 50 });
    const html = await forBrowser.text();
    expect(html).toContain("trang");
    expect(html).toContain("đang tải");
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();

    const forBot = await renderHtmlResponse(page, { ...options, headers: new Headers(), waitForAll: true, abortDelayMs: 50 });
    expect(await forBot.text()).toContain("đang tải");
  });
});

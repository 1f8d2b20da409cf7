import { PassThrough, type Writable } from "node:stream";
import { text } from "node:stream/consumers";

import { createElement, lazy, Suspense } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, test } from "vitest";

import { createHtmlBody } from "./html-stream.server";

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

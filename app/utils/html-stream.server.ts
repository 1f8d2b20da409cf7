import { Transform } from "node:stream";

import { createReadableStreamFromReadable } from "@remix-run/node";
import type { ReactNode } from "react";
import { renderToPipeableStream } from "react-dom/server";

// React 18's Node renderer (react-dom/server, renderToPipeableStream) encodes text into 2,048-byte
// buffers with TextEncoder.encodeInto. When a multi-byte character (most Vietnamese letters with
// tone marks are 2-3 bytes) does not fit at the end of a buffer, encodeInto stops before it, and React
// then sends the whole buffer, unwritten zero bytes included (facebook/react issue 31134; the Fizz
// Node stream config writes `currentView` instead of `currentView.subarray(0, writtenBytes)`).
// Only such a buffer ends in zeros, and at most 3 of them: the room a 4-byte character did not fit in.
const REACT_VIEW_SIZE = 2048;
const MAX_PADDING = 3;

/** The bytes React meant to send: a full-size buffer without the zeros left where a character did not fit. */
export function withoutBufferPadding(chunk: Uint8Array): Uint8Array {
  if (chunk.byteLength !== REACT_VIEW_SIZE) return chunk;
  let end = chunk.byteLength;
  while (end > chunk.byteLength - MAX_PADDING && chunk[end - 1] === 0) end -= 1;
  return end === chunk.byteLength ? chunk : chunk.subarray(0, end);
}

/**
 * The stream React's HTML is piped into: without React's buffer padding, and with the chunks React
 * writes in one go (a whole page when nothing is deferred) passed on as one. React writes a page in
 * 2 KB pieces, and downstream each piece would cost a stream read, a compression flush (Remix flushes
 * after every chunk) and a socket write: about 1 ms of CPU per compressed page went there.
 */
export function createHtmlBody() {
  let pending: Uint8Array[] = [];
  const passOn = () => {
    if (pending.length === 0) return;
    body.push(pending.length === 1 ? pending[0] : Buffer.concat(pending));
    pending = [];
  };
  const body = new Transform({
    transform(chunk: Uint8Array, _encoding, done) {
      // React writes synchronously: whatever it writes before the next microtask is one piece.
      if (pending.length === 0) queueMicrotask(passOn);
      pending.push(withoutBufferPadding(chunk));
      done();
    },
    flush(done) {
      passOn();
      done();
    },
  });
  return body;
}

/**
 * A page React renders, as the Response Remix sends: as soon as its shell is ready, or once all of it
 * is (`waitForAll`, for bots). A part still loading after `abortDelayMs` is given up (its fallback
 * stays); an error after the shell is logged once, as it can no longer change the status.
 */
export function renderHtmlResponse(page: ReactNode, options: { status: number; headers: Headers; nonce: string; waitForAll: boolean; abortDelayMs: number }) {
  const { headers, nonce, waitForAll, abortDelayMs } = options;
  let status = options.status;
  return new Promise<Response>((resolve, reject) => {
    let shellSent = false;
    const send = () => {
      shellSent = true;
      const body = createHtmlBody();
      headers.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(page, {
      nonce,
      onShellReady() {
        if (!waitForAll) send();
      },
      onAllReady() {
        // Nothing is left to abort, and a pending timer would hold this render in memory for the
        // whole delay: at a few hundred pages a second, hundreds of megabytes for the collector.
        clearTimeout(abortTimer);
        if (waitForAll) send();
      },
      onShellError(error: unknown) {
        clearTimeout(abortTimer);
        reject(error);
      },
      onError(error: unknown) {
        status = 500;
        if (shellSent) console.error(error);
      },
    });
    const abortTimer = setTimeout(abort, abortDelayMs);
  });
}

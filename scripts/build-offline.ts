// Part of `npm run build`, after `remix build`: the installable app's icons and its service worker.
// The worker (app/sw/service-worker.ts) is bundled with esbuild, then Workbox's injectManifest
// writes into it the list of app files to keep (scripts, styles, fonts), each with its revision.
// The size of that list goes to build/offline-shell.json, for the download size a course shows.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";

import { build } from "esbuild";
import { PNG } from "pngjs";
import { injectManifest } from "workbox-build";

const ICON_SIZES = [192, 512] as const;
const BRAND = [0x0b, 0x53, 0x94] as const;

/**
 * The favicon (public/favicon.svg: a smiling face on the brand blue) drawn at one size, on a
 * full square so that it also serves as a maskable icon (the face stays in the safe zone).
 */
function drawIcon(size: number) {
  const png = new PNG({ width: size, height: size });
  const unit = size / 32;
  const inFace = (x: number, y: number) => {
    const eye = (cx: number) => Math.hypot(x - cx, y - 12) <= 2;
    // The smile: the lower half of a ring centred on (16, 15).
    const ring = Math.abs(Math.hypot((x - 16) / 7, (y - 15) / 8) - 1) * 7 <= 1.5;
    return eye(11) || eye(21) || (ring && y > 16);
  };
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // The favicon's 32-unit face, scaled into the middle 70% of the icon.
      const x = ((px + 0.5) / unit - 16) / 0.7 + 16;
      const y = ((py + 0.5) / unit - 16) / 0.7 + 16;
      const white = inFace(x, y);
      const offset = (py * size + px) * 4;
      png.data[offset] = white ? 255 : BRAND[0];
      png.data[offset + 1] = white ? 255 : BRAND[1];
      png.data[offset + 2] = white ? 255 : BRAND[2];
      png.data[offset + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

mkdirSync("public/icons", { recursive: true });
for (const size of ICON_SIZES) writeFileSync(`public/icons/icon-${size}.png`, drawIcon(size));

const BUNDLE = "build/sw-source.js";
await build({
  entryPoints: ["app/sw/service-worker.ts"],
  outfile: BUNDLE,
  bundle: true,
  format: "iife",
  minify: true,
  target: "es2020",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});

const { count, size, warnings } = await injectManifest({
  swSrc: BUNDLE,
  swDest: "public/sw.js",
  globDirectory: "public",
  // What every learning page needs: the shared chunks, the learner's routes, styles and the
  // woff2 fonts (browsers that take woff2 never fetch the woff copies). Admin pages are online only.
  globPatterns: [
    "build/entry.client-*.js",
    "build/root-*.js",
    "build/manifest-*.js",
    "build/_shared/*.js",
    "build/routes/{_index,khoa-hoc,kiem-tra,ngoai-tuyen,dang-xuat}*.js",
    "build/_assets/*.{css,woff2}",
    "icons/*.png",
  ],
  // Remix names every build file by its content: the name is the revision.
  dontCacheBustURLsMatching: /^build\//,
  maximumFileSizeToCacheInBytes: 1024 * 1024,
});
rmSync(BUNDLE);
for (const warning of warnings) console.warn(warning);
writeFileSync("build/offline-shell.json", `${JSON.stringify({ files: count, bytes: size })}\n`);
console.log(`Service worker: public/sw.js keeps ${count} app files (${Math.round(size / 1024)} KB).`);

// Part of `npm run build`, after `remix build`: fails the build when a package that only the
// server needs reaches the browser's scripts. zod did once, for every page with a form, because
// route modules built their schemas at module top (a call esbuild must keep); they now build them
// in functions the loaders and actions call (issue 18: 12.6 KB of script on a phone for nothing).
import { readFileSync } from "node:fs";

const SERVER_ONLY = ["zod", "@prisma/client", "better-sqlite3", "pg", "exceljs", "pdfkit", "nodemailer"];

type Metafile = { outputs: Record<string, { inputs: Record<string, unknown> }> };
const { outputs } = JSON.parse(readFileSync("build/metafile.js.json", "utf8")) as Metafile;
const leaks = Object.entries(outputs).flatMap(([output, { inputs }]) =>
  SERVER_ONLY.filter((name) => Object.keys(inputs).some((input) => input.includes(`node_modules/${name}/`))).map((name) => `${name} in ${output}`),
);
if (leaks.length > 0) {
  console.error(`Server-only packages in the browser's scripts:\n${leaks.join("\n")}`);
  process.exit(1);
}
console.log(`Browser scripts: none of ${SERVER_ONLY.join(", ")}`);

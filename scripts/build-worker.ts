// Part of `npm run build`, after `remix build`: the roster import worker (a tinypool child process, see
// docs/decisions/012-import-jobs.md) bundled beside the server build, as remix bundles the app:
// the app's code and its generated Prisma clients inside, the packages left to node_modules.
import { build } from "esbuild";

await build({
  entryPoints: ["app/models/roster-import/worker.ts"],
  outfile: "build/roster-import-worker.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});
console.log("Import worker: build/roster-import-worker.js");

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { findNewStyleToneMarks } from "./tone-marks";

/** The .mdx and .yml files under a folder, in a stable order. */
function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(mdx|ya?ml)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** One problem per word spelt with the newer tone placement, naming the file and the line. */
export function checkToneMarks(contentDir: string, otherFiles: string[] = []): string[] {
  return [...textFiles(contentDir), ...otherFiles].flatMap((file) =>
    findNewStyleToneMarks(readFileSync(file, "utf8")).map(
      (problem) => `${file}: line ${problem.line}: "${problem.found}" is written "${problem.write}" (the tone mark on the first vowel, as everywhere else)`,
    ),
  );
}

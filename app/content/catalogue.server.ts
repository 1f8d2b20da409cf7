import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { bundleMDX } from "mdx-bundler";
import { parse as parseYaml } from "yaml";
import type { ZodError } from "zod";

import { checkMdxTree, type ContentLink } from "./mdx-check.server";
import { parseProgramme, type Programme } from "./programme.server";
import { changelogSchema, courseFrontmatterSchema, moduleFrontmatterSchema, quizSchema, type ChangelogEntry, type Quiz } from "./schemas";

export const CONTENT_DIR = path.join(process.cwd(), "content");
const CACHE_DIR = path.join(process.cwd(), ".cache", "content");
// Bump when the compile options change, so that cached code compiled the old way is not reused.
const COMPILER_VERSION = "1";

export type CatalogueModule = {
  slug: string;
  number: number;
  title: string;
  titleEn: string;
  summary: string;
  minutes: number;
  /** Hash of the module's text and quiz: progress and attempts record it. */
  version: string;
  code: string;
  quiz: Quiz;
};

export type CatalogueCourse = {
  slug: string;
  /** The folder under content/courses, for the course's media */
  dir: string;
  number: number;
  title: string;
  titleEn: string;
  summary: string;
  summaryEn: string;
  audiences: string[];
  indicators: string[];
  minutes: number;
  /** Hash of every file of the course: completions record it. */
  version: string;
  /** "MAJOR.MINOR" from course.mdx, shown to learners; completions record it too. */
  courseVersion: string;
  /** changelog.yml, newest first; its first entry is `courseVersion`. */
  changelog: ChangelogEntry[];
  introCode: string;
  modules: CatalogueModule[];
};

export type Catalogue = { version: string; courses: CatalogueCourse[] };

const COURSE_DIR = /^(\d{2})\.([a-z0-9-]+)$/;
const MODULE_FILE = /^(\d{2})\.([a-z0-9-]+)\.mdx$/;

function hash(...parts: string[]) {
  const digest = createHash("sha256");
  for (const part of parts) digest.update(part).update("\0");
  return digest.digest("hex").slice(0, 16);
}

function zodProblems(error: ZodError) {
  return error.issues.map((issue) => `${issue.path.join(".") || "(file)"}: ${issue.message}`);
}

type Compiled = { code: string; frontmatter: Record<string, unknown> };
type FileLink = ContentLink & { file: string };

/** Compiles one MDX file, checking its components; the result is cached on disk by its source. */
async function compileMdx(file: string, courseDir: string, problems: string[], links: FileLink[]): Promise<Compiled | null> {
  const source = readFileSync(file, "utf8");
  // The check of figures depends on the media beside the course, so their names are in the key.
  const mediaDir = path.join(courseDir, "media");
  const media = existsSync(mediaDir) ? readdirSync(mediaDir).sort().join("/") : "";
  const cacheFile = path.join(CACHE_DIR, `${hash(COMPILER_VERSION, source, media)}.json`);
  if (existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, "utf8")) as Compiled & { links: ContentLink[] };
    links.push(...cached.links.map((link) => ({ ...link, file })));
    return cached;
  }
  const found: string[] = [];
  const fileLinks: ContentLink[] = [];
  try {
    const result = await bundleMDX({
      source,
      cwd: courseDir,
      mdxOptions(options) {
        const checkPlugin = () => (tree: unknown) => {
          const checked = checkMdxTree(tree as Parameters<typeof checkMdxTree>[0], courseDir);
          found.push(...checked.problems);
          fileLinks.push(...checked.links);
        };
        options.remarkPlugins = [...(options.remarkPlugins ?? []), checkPlugin];
        return options;
      },
    });
    problems.push(...found.map((problem) => `${file}: ${problem}`));
    links.push(...fileLinks.map((link) => ({ ...link, file })));
    if (found.length > 0) return null;
    const compiled = { code: result.code, frontmatter: result.frontmatter as Record<string, unknown> };
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ ...compiled, links: fileLinks }));
    return compiled;
  } catch (error) {
    problems.push(`${file}: does not compile: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return null;
  }
}

async function loadModule(courseDir: string, fileName: string, problems: string[], links: FileLink[]) {
  const match = MODULE_FILE.exec(fileName);
  if (!match) return null;
  const [, number = "", slug = ""] = match;
  const file = path.join(courseDir, fileName);
  const quizFile = file.replace(/\.mdx$/, ".quiz.yml");
  if (!existsSync(quizFile)) {
    problems.push(`${file}: the quiz file ${path.basename(quizFile)} is missing`);
    return null;
  }
  const quizSource = readFileSync(quizFile, "utf8");
  let quizData: unknown;
  try {
    quizData = parseYaml(quizSource);
  } catch (error) {
    problems.push(`${quizFile}: not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return null;
  }
  const quiz = quizSchema.safeParse(quizData);
  if (!quiz.success) problems.push(...zodProblems(quiz.error).map((problem) => `${quizFile}: ${problem}`));
  const compiled = await compileMdx(file, courseDir, problems, links);
  if (!compiled) return null;
  const frontmatter = moduleFrontmatterSchema.safeParse(compiled.frontmatter);
  if (!frontmatter.success) {
    problems.push(...zodProblems(frontmatter.error).map((problem) => `${file}: frontmatter ${problem}`));
    return null;
  }
  if (!quiz.success) return null;
  const module: CatalogueModule = {
    slug,
    number: Number(number),
    ...frontmatter.data,
    version: hash(readFileSync(file, "utf8"), quizSource),
    code: compiled.code,
    quiz: quiz.data,
  };
  return module;
}

function loadChangelog(courseDir: string, problems: string[]) {
  const file = path.join(courseDir, "changelog.yml");
  if (!existsSync(file)) {
    problems.push(`${courseDir}: changelog.yml is missing (what changed in each version, newest first)`);
    return null;
  }
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, "utf8"));
  } catch (error) {
    problems.push(`${file}: not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return null;
  }
  const changelog = changelogSchema.safeParse(data);
  if (!changelog.success) {
    problems.push(...zodProblems(changelog.error).map((problem) => `${file}: ${problem}`));
    return null;
  }
  return changelog.data;
}

async function loadCourse(coursesDir: string, dirName: string, programme: Programme, problems: string[], links: FileLink[]) {
  const [, number = "", slug = ""] = COURSE_DIR.exec(dirName) ?? [];
  const courseDir = path.join(coursesDir, dirName);
  const courseFile = path.join(courseDir, "course.mdx");
  if (!existsSync(courseFile)) {
    problems.push(`${courseDir}: course.mdx is missing`);
    return null;
  }
  const files = readdirSync(courseDir).sort();
  for (const name of files) {
    if (name !== "course.mdx" && name !== "changelog.yml" && name !== "media" && !MODULE_FILE.test(name) && !/^\d{2}\.[a-z0-9-]+\.quiz\.yml$/.test(name)) {
      problems.push(`${path.join(courseDir, name)}: unexpected file (modules are named NN.slug.mdx with NN.slug.quiz.yml)`);
    }
  }
  const intro = await compileMdx(courseFile, courseDir, problems, links);
  const changelog = loadChangelog(courseDir, problems);
  const modules: CatalogueModule[] = [];
  for (const name of files) {
    const module = await loadModule(courseDir, name, problems, links);
    if (module) modules.push(module);
  }
  modules.forEach((module, index) => {
    if (module.number !== index + 1) problems.push(`${courseDir}: modules must be numbered 01, 02, ... without gaps (found ${String(module.number).padStart(2, "0")})`);
  });
  if (modules.length === 0) problems.push(`${courseDir}: a course needs at least one module`);
  if (!intro) return null;
  const frontmatter = courseFrontmatterSchema.safeParse(intro.frontmatter);
  if (!frontmatter.success) {
    problems.push(...zodProblems(frontmatter.error).map((problem) => `${courseFile}: frontmatter ${problem}`));
    return null;
  }
  const { version: courseVersion, ...described } = frontmatter.data;
  if (changelog && changelog[0]?.version !== courseVersion) {
    problems.push(`${path.join(courseDir, "changelog.yml")}: the newest entry is version ${changelog[0]?.version}, but course.mdx says ${courseVersion}`);
  }
  const groups = new Set(programme.targetGroups.map((group) => group.code));
  const indicators = new Set(programme.indicators.map((indicator) => indicator.code));
  for (const audience of frontmatter.data.audiences) {
    if (!groups.has(audience)) problems.push(`${courseFile}: audience "${audience}" is not a target group of programme.yml`);
  }
  for (const indicator of frontmatter.data.indicators) {
    if (!indicators.has(indicator)) problems.push(`${courseFile}: indicator "${indicator}" is not defined in programme.yml`);
  }
  const course: CatalogueCourse = {
    slug,
    dir: courseDir,
    number: Number(number),
    ...described,
    version: hash(readFileSync(courseFile, "utf8"), ...modules.map((module) => module.version)),
    courseVersion,
    changelog: changelog ?? [],
    introCode: intro.code,
    modules,
  };
  return course;
}

function checkLinks(courses: CatalogueCourse[], links: FileLink[], problems: string[]) {
  const targets = new Set(
    courses.flatMap((course) => [`/khoa-hoc/${course.slug}`, ...course.modules.map((module) => `/khoa-hoc/${course.slug}/${module.slug}`)]),
  );
  for (const link of links) {
    const target = link.url.split("#")[0] ?? "";
    if (target.startsWith("/khoa-hoc") && !targets.has(target)) problems.push(`${link.file}: line ${link.line}: link to ${link.url} leads nowhere`);
  }
}

/**
 * Reads, checks and compiles every course under content/. Problems are collected, each naming
 * its file, rather than thrown one at a time, so that the content check reports them all.
 */
export async function loadCatalogue(contentDir = CONTENT_DIR): Promise<{ catalogue: Catalogue; problems: string[] }> {
  const problems: string[] = [];
  let programme: Programme;
  try {
    programme = parseProgramme(readFileSync(path.join(contentDir, "programme.yml"), "utf8"), path.join(contentDir, "programme.yml"));
  } catch (error) {
    return { catalogue: { version: "", courses: [] }, problems: [error instanceof Error ? error.message : String(error)] };
  }
  const coursesDir = path.join(contentDir, "courses");
  const courses: CatalogueCourse[] = [];
  const links: FileLink[] = [];
  for (const dirName of readdirSync(coursesDir).sort()) {
    if (!COURSE_DIR.test(dirName)) {
      problems.push(`${path.join(coursesDir, dirName)}: course folders are named NN.slug`);
      continue;
    }
    const course = await loadCourse(coursesDir, dirName, programme, problems, links);
    if (course) courses.push(course);
  }
  checkLinks(courses, links, problems);
  return { catalogue: { version: hash(...courses.map((course) => course.version)), courses }, problems };
}

let loading: Promise<Catalogue> | undefined;

/**
 * The catalogue of this process, loaded once. The server loads it at start-up (entry.server),
 * so no learner's request ever waits for a compile; broken content stops the start with reasons.
 */
export function getCatalogue(): Promise<Catalogue> {
  loading ??= loadCatalogue().then(({ catalogue, problems }) => {
    if (problems.length > 0) throw new Error(`The training content has problems:\n  ${problems.join("\n  ")}`);
    return catalogue;
  });
  return loading;
}

import type { AppLoadContext } from "@remix-run/node";
import { expect, test } from "vitest";

import { loadFixtureCourse } from "#tests/fixtures/content";

import { lessonForLoader } from "./lesson-html.server";

const dataRequest = { isDataRequest: true } as AppLoadContext;

async function renderFirstLesson(lang: "vi" | "en") {
  const course = await loadFixtureCourse();
  const lesson = course.modules[0];
  if (!lesson) throw new Error("the fixture course has no first lesson");
  return lessonForLoader(dataRequest, lesson, course.slug, lang).html ?? "";
}

test("the help box gives 111 and the Hà Nội social work centre under the plan's name, with a number to call", async () => {
  const html = await renderFirstLesson("vi");
  expect(html).toContain('href="tel:111"');
  expect(html).toContain('href="tel:02433525662"');
  expect(html).toContain("024 3352 5662");
  expect(html).toContain("Trung tâm cung cấp dịch vụ công tác xã hội Hà Nội");
});

test("a section for adults is folded by default and opens without JavaScript, in both languages", async () => {
  const vi = await renderFirstLesson("vi");
  expect(vi).toMatch(/<details class="for-adults"><summary>Dành cho người lớn<\/summary>.*Một quy định cho người lớn.*<\/details>/s);
  expect(vi).not.toMatch(/<details class="for-adults" open/);
  const en = await renderFirstLesson("en");
  expect(en).toContain("<summary>For adults</summary>");
});

import { invariantResponse } from "#app/utils/http.server";

import { getCatalogue, type CatalogueCourse, type CatalogueModule } from "./catalogue.server";

export async function requireCourse(slug: string | undefined): Promise<CatalogueCourse> {
  const course = (await getCatalogue()).courses.find((candidate) => candidate.slug === slug);
  invariantResponse(course, 404);
  return course;
}

export function requireModule(course: CatalogueCourse, slug: string | undefined): CatalogueModule {
  const module = course.modules.find((candidate) => candidate.slug === slug);
  invariantResponse(module, 404);
  return module;
}

/** The first module of the course not yet read and passed, or null when all are done. */
export function nextModule(course: CatalogueCourse, done: ReadonlySet<string>) {
  return course.modules.find((module) => !done.has(module.slug)) ?? null;
}

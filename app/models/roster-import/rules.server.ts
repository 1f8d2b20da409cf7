import { getCatalogue } from "#app/content/catalogue.server";
import { indicatorsQualifiedBy } from "#app/models/qualification.server";

import type { QualificationRules } from "./types";

/** For a target group, the indicators each course counts for when completed online. */
export async function qualificationRules(targetGroup: string): Promise<QualificationRules> {
  const { courses } = await getCatalogue();
  return {
    indicatorsByCourse: Object.fromEntries(courses.map((course) => [course.slug, indicatorsQualifiedBy(courses, { courseSlugs: [course.slug], sessionKind: null }, targetGroup)])),
  };
}

// The words of certification the other rooms share: which organisations can be certified, the
// statuses an application goes through, and the course an applicant must have completed.
import { getCatalogue, type CatalogueCourse } from "#app/content/catalogue.server";

/** The course an applicant must have completed: content/courses/03.doanh-nghiep. */
export const CERTIFICATION_COURSE_SLUG = "doanh-nghiep";

/** The organisations that can be certified (the Organisation table also knows schools and agencies). */
export const ORGANISATION_KINDS = ["business", "cooperative", "household"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

type ApplicationStatus = "draft" | "submitted" | "changes_requested" | "approved" | "rejected";
/** The statuses a reviewer lists: drafts are the applicant's own business until submitted. */
export const REVIEW_STATUSES = ["submitted", "changes_requested", "approved", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** What a list of applications shows of each: which, what kind, where it stands and when. */
export const APPLICATION_SUMMARY_SELECT = { id: true, kind: true, status: true, submittedAt: true, decidedAt: true } as const;

/** The statuses in which the applicant is still preparing the application. */
export const OPEN_STATUSES: ApplicationStatus[] = ["draft", "changes_requested"];

/** The business course; its absence from content/courses is a broken deployment, not a user's problem. */
export async function getCertificationCourse(): Promise<CatalogueCourse> {
  const course = (await getCatalogue()).courses.find((candidate) => candidate.slug === CERTIFICATION_COURSE_SLUG);
  if (!course) throw new Error(`the certification course "${CERTIFICATION_COURSE_SLUG}" is missing from content/courses`);
  return course;
}

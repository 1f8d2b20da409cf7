// The offline download of a course, for the page's download button and the service worker.
// GET says the course's version and download size; POST starts the quiz attempts to answer
// offline and lists the addresses to keep.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { requireCourse } from "#app/content/courses.server";
import { getLang } from "#app/i18n/lang.server";
import { getDownloadSize, startOfflineCourse } from "#app/models/offline.server";
import { requireUser } from "#app/utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const course = await requireCourse(params.course);
  return json({ slug: course.slug, version: course.version, bytes: getDownloadSize(course, await getLang(request)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const course = await requireCourse(params.course);
  return json(await startOfflineCourse(user.id, course));
}

import { readFile } from "node:fs/promises";
import path from "node:path";

import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireCourse } from "#app/content/courses.server";
import { requireUser } from "#app/utils/auth.server";
import { invariantResponse } from "#app/utils/http.server";

// Only the SVG illustrations the content check accepted: a fixed folder and a strict name.
const MEDIA_FILE = /^[a-z0-9-]+\.svg$/;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const course = await requireCourse(params.course);
  const file = params.file ?? "";
  invariantResponse(MEDIA_FILE.test(file), 404);
  const body = await readFile(path.join(course.dir, "media", file)).catch(() => null);
  invariantResponse(body, 404);
  return new Response(body, {
    headers: {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "private, max-age=3600",
      // An SVG can carry script; served this way it cannot run any.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}

import { createContext, useContext } from "react";

/**
 * Where the server finds a lesson's rendered HTML while it renders the document. A document
 * request sends the HTML once, in the page, instead of a second time in the loader data (half
 * the bytes on a slow phone, see docs/decisions/003); data requests (client navigation) carry it.
 */
export const LessonHtmlSource = createContext<((key: string) => string | undefined) | null>(null);

const LESSON_ELEMENT_ID = "lesson-body";

/**
 * On the client's first render (hydration) the loader data has no HTML: it is already in the
 * page. Every later render gets it from a data request.
 */
function htmlInPage() {
  return typeof document === "undefined" ? undefined : document.getElementById(LESSON_ELEMENT_ID)?.innerHTML;
}

export function Lesson({ html, htmlKey }: { html: string | null; htmlKey: string }) {
  const source = useContext(LessonHtmlSource);
  const content = html ?? source?.(htmlKey) ?? htmlInPage() ?? "";
  return <div id={LESSON_ELEMENT_ID} className="lesson" dangerouslySetInnerHTML={{ __html: content }} />;
}

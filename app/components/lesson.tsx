/** A lesson's HTML, rendered on the server from the checked and compiled content. */
export function Lesson({ html }: { html: string }) {
  return <div className="lesson" dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * A table that may be wider than a phone's screen: it scrolls sideways inside this box instead of
 * the page, and the box takes keyboard focus (with a name for screen readers) so that arrow keys
 * can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** Under a report's table: the period's targets are assumed, not the plan's own (content/programme.yml). */
export function TargetsNote({ note }: { note: string | null }) {
  if (!note) return null;
  return (
    <p className="muted targets-note" role="note">
      {note}
    </p>
  );
}

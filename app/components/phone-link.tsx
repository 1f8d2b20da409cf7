/** A phone number as written for people (0912 345 678), tappable to call on a phone. */
export function PhoneLink({ phone }: { phone: string }) {
  if (!phone) return <span />;
  // A masked number (0912 *** 678, as lists show it) cannot be called: plain text, not a link to a wrong number.
  if (phone.includes("*")) return <span>{phone}</span>;
  return <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{phone}</a>;
}

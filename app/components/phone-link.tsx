/** A phone number as written for people (0912 345 678), tappable to call on a phone. */
export function PhoneLink({ phone }: { phone: string }) {
  if (!phone) return <span />;
  return <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{phone}</a>;
}

const DATE_FORMAT = new Intl.DateTimeFormat("vi-VN", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  timeZone: "Asia/Ho_Chi_Minh",
});

/** dd/mm/yyyy in Hà Nội's time zone, whatever the server's or the reader's. */
export function formatDate(date: Date | string) {
  return DATE_FORMAT.format(typeof date === "string" ? new Date(date) : date);
}

const TIME_FORMAT = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });

/** hh:mm in Hà Nội. */
export function formatTime(date: Date) {
  return TIME_FORMAT.format(date);
}

const MONTH_FORMAT = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });

/** "2026-03": the month a moment falls in, in Hà Nội. */
export function monthOf(date: Date) {
  return MONTH_FORMAT.format(date).slice(0, 7);
}

const DAY_FORMAT = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });

/** "2026-03-15": the day a moment falls on in Hà Nội, as a date input and a URL want it. */
export function isoDay(date: Date) {
  return DAY_FORMAT.format(date);
}

/** Every month from one date's month to another's, inclusive: ["2026-01", "2026-02", ...]. */
export function monthsBetween(from: Date, to: Date) {
  const months: string[] = [];
  let [year, month] = monthOf(from).split("-").map(Number) as [number, number];
  const last = monthOf(to);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, "0")}`;
    months.push(current);
    if (current >= last) return months;
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
}

/** One day in milliseconds: Hà Nội keeps UTC+7 all year, so every day there is this long. */
export const DAY = 86_400_000;

/** Midnight in Hà Nội at the start of the day written "2026-03-15". */
export function startOfDay(day: string) {
  return new Date(`${day}T00:00:00+07:00`);
}

/** The last millisecond of the day written "2026-03-15", in Hà Nội. */
export function endOfDay(day: string) {
  return new Date(startOfDay(day).getTime() + DAY - 1);
}

/** "2026-03-15" from a date input or a URL as the start of that day in Hà Nội, or null when it is no calendar day (31/02). */
export function parseIsoDay(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = startOfDay(value);
  return Number.isNaN(date.getTime()) || isoDay(date) !== value ? null : date;
}

/** "03/2026" from the month "2026-03", as a reader writes a month. */
export function formatMonth(month: string) {
  const [year, number] = month.split("-");
  return `${number}/${year}`;
}

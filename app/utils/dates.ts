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

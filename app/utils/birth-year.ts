/** A year of birth as a person or a ward's list writes it: four digits, from 1900 to this year; empty is unknown. */
export function readBirthYear(text: string, now = new Date()): number | null | "invalid" {
  const value = text.trim();
  if (!value) return null;
  const year = /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
  return year >= 1900 && year <= now.getFullYear() ? year : "invalid";
}

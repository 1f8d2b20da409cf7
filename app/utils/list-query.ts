import { z } from "zod";

import { phoneSearchTerms } from "./phone";
import { foldForSearch } from "./search";
import { cleanText } from "./text";

const listQuerySchema = z.object({
  q: z.string().max(100).transform(cleanText).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The search text and page of an admin list, from the URL; anything odd falls back to defaults. */
export function parseListQuery(request: Request) {
  return readListQuery(new URL(request.url).searchParams);
}

export function readListQuery(searchParams: URLSearchParams) {
  return listQuerySchema.parse({ q: searchParams.get("q") ?? "", page: searchParams.get("page") ?? 1 });
}

/**
 * A filter on the folded name or the phone, the one every list that searches uses: "nguyen van a"
 * finds its row, and so does the phone written any way ("0901 000 003", "+84 901 000 003",
 * "901000003") or four or more of its digits in a row.
 */
export function nameOrPhoneFilter(query: string) {
  const folded = foldForSearch(query);
  if (!folded) return {};
  const phones = phoneSearchTerms(query) ?? [];
  return { OR: [{ searchName: { contains: folded } }, ...phones.map((term) => ({ phone: { contains: term } }))] };
}

/** The rows of one page of a list, or every row for `page` null (an export). */
export function pageOf(page: number | null, size: number): { skip?: number; take?: number } {
  return page === null ? {} : { skip: (page - 1) * size, take: size };
}

/** How many pages a list of `total` rows takes; an empty list still shows its one page. */
export function pageCount(total: number, size: number) {
  return Math.max(1, Math.ceil(total / size));
}

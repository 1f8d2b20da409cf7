import { useRouteLoaderData } from "@remix-run/react";

import type { loader as rootLoader } from "#app/root";

import type { Lang } from "./lang";
import { formatNumber, formatPercent } from "#app/utils/numbers";

import { translate, type MessageKey } from "./messages";

export function useLang(): Lang {
  return useRouteLoaderData<typeof rootLoader>("root")?.lang ?? "vi";
}

export function useT() {
  const lang = useLang();
  return (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
}

/** Numbers as the page's language writes them: 1.234 and 37,5% in Vietnamese, 1,234 and 37.5% in English. */
export function useNumbers() {
  const lang = useLang();
  return { number: (value: number) => formatNumber(value, lang), percent: (value: number) => formatPercent(value, lang) };
}

type MetaMatch = { id: string; data: unknown };

/** "<page> · <site>" in the reader's language, for route `meta` functions. */
export function pageTitle(matches: MetaMatch[], key: MessageKey) {
  const root = matches.find((match) => match.id === "root")?.data;
  const lang = root && typeof root === "object" && "lang" in root && root.lang === "en" ? "en" : "vi";
  return `${translate(lang, key)} · ${translate(lang, "site.name")}`;
}

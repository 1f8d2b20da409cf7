import type { Lang } from "#app/i18n/lang";

// Vietnamese writes 1.234 and 37,5%, English 1,234 and 37.5%: one formatter for pages, exports
// and charts (issue 18), following the page's language. Vietnamese is the default because the
// documents a ward signs and sends are always in Vietnamese.
const LOCALE: Record<Lang, string> = { vi: "vi-VN", en: "en-GB" };
const INTEGER = { vi: new Intl.NumberFormat(LOCALE.vi, { maximumFractionDigits: 0 }), en: new Intl.NumberFormat(LOCALE.en, { maximumFractionDigits: 0 }) };
const ONE_DECIMAL = { vi: new Intl.NumberFormat(LOCALE.vi, { maximumFractionDigits: 1 }), en: new Intl.NumberFormat(LOCALE.en, { maximumFractionDigits: 1 }) };

/** A count as the reader writes it: 1.234 in Vietnamese, 1,234 in English. */
export function formatNumber(value: number, lang: Lang = "vi") {
  return INTEGER[lang].format(value);
}

/** A figure with at most one decimal: 37,5 in Vietnamese, 37.5 in English. */
export function formatDecimal(value: number, lang: Lang = "vi") {
  return ONE_DECIMAL[lang].format(value);
}

/** A percentage with at most one decimal: 37,5% in Vietnamese, 37.5% in English. */
export function formatPercent(value: number, lang: Lang = "vi") {
  return `${formatDecimal(value, lang)}%`;
}

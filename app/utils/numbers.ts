// Vietnamese writes 1.234 and 37,5%: one formatter for pages, exports and charts (issue 18).
const INTEGER = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

/** A count as Vietnamese write it: 1.234. */
export function formatNumber(value: number) {
  return INTEGER.format(value);
}

/** A percentage with at most one decimal, as Vietnamese write it: 37,5%. */
export function formatPercent(value: number) {
  return `${ONE_DECIMAL.format(value)}%`;
}

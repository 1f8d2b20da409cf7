import { useId } from "react";

import { useNumbers, useT } from "#app/i18n/use-t";
import { formatMonth } from "#app/utils/dates";

type TrendChartProps = {
  code: string;
  /** The indicator's short name, the caption's heading */
  short: string;
  /** The indicator's full name, which the chart's accessible name and summary read */
  label: string;
  target: number;
  points: { month: string; rate: number }[];
  monthsInPeriod: number;
  /** The period's last month, written at the right end of the time axis */
  endMonth: string;
};

const WIDTH = 300;
const HEIGHT = 150;
const PAD = { left: 34, right: 8, top: 10, bottom: 22 };

/**
 * One indicator over the period, drawn on the server as SVG (no chart library, works without
 * JavaScript, prints): the rate reached (solid), the even path to the target (dashed) and the
 * target (dotted). Line styles, not colours, tell them apart.
 */
export function TrendChart({ code, short, label, target, points, monthsInPeriod, endMonth }: TrendChartProps) {
  const t = useT();
  const format = useNumbers();
  const titleId = useId();
  const x = (index: number) => PAD.left + ((WIDTH - PAD.left - PAD.right) * index) / Math.max(1, monthsInPeriod - 1);
  const y = (rate: number) => PAD.top + ((HEIGHT - PAD.top - PAD.bottom) * (100 - Math.min(100, rate))) / 100;
  const last = points[points.length - 1];
  const actual = points.map((point, index) => `${x(index).toFixed(1)},${y(point.rate).toFixed(1)}`).join(" ");
  const summary = t("trend.summary", { name: label, rate: last?.rate ?? 0, target, month: last ? formatMonth(last.month) : "" });
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} className="trend__chart">
        <title id={titleId}>{summary}</title>
        <line x1={PAD.left} y1={y(0)} x2={WIDTH - PAD.right} y2={y(0)} className="trend__axis" />
        <line x1={PAD.left} y1={y(0)} x2={PAD.left} y2={y(100)} className="trend__axis" />
        <text x={PAD.left - 4} y={y(0) + 4} className="trend__tick" textAnchor="end">
          {format.percent(0)}
        </text>
        <text x={PAD.left - 4} y={y(100) + 4} className="trend__tick" textAnchor="end">
          {format.percent(100)}
        </text>
        <line x1={PAD.left} y1={y(target)} x2={WIDTH - PAD.right} y2={y(target)} className="trend__target" />
        <text x={WIDTH - PAD.right} y={y(target) - 3} className="trend__tick" textAnchor="end">
          {format.percent(target)}
        </text>
        <line x1={x(0)} y1={y(0)} x2={x(monthsInPeriod - 1)} y2={y(target)} className="trend__path" />
        {points.length > 1 ? <polyline points={actual} className="trend__actual" /> : null}
        {last ? <circle cx={x(points.length - 1)} cy={y(last.rate)} r={3} className="trend__now" /> : null}
        <text x={PAD.left} y={HEIGHT - 6} className="trend__tick">
          {points[0] ? formatMonth(points[0].month) : null}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} className="trend__tick" textAnchor="end">
          {formatMonth(endMonth)}
        </text>
      </svg>
      <figcaption>
        <strong>{short}</strong> <small className="indicator-code">{code}</small>
        <br />
        {summary}
      </figcaption>
    </figure>
  );
}

import { useId } from 'react';
import { formatPounds } from '../format';

/**
 * Budget against forecast by line as paired horizontal bars in SVG (a title and description for
 * screen readers); the page's table beside it carries the same figures.
 */
export function BudgetForecastChart({ lines }: { lines: { code: string; label: string; budgetPence: number; forecastPence: number }[] }) {
  const id = useId();
  const max = Math.max(1, ...lines.flatMap((l) => [l.budgetPence, l.forecastPence]));
  const row = 30;
  const labelWidth = 200;
  const width = 640;
  const space = width - labelWidth - 110;
  const height = Math.max(row, lines.length * row) + 4;
  const w = (p: number) => Math.max(0, (p / max) * space);
  return (
    <figure className="caretrust-chart" data-testid="budget-forecast-chart">
      <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-t`}>Budget and forecast outturn by budget line</title>
        <desc id={`${id}-d`}>{lines.length === 0 ? 'No budget lines.' : lines.map((l) => `${l.label}: budget ${formatPounds(l.budgetPence)}, forecast ${formatPounds(l.forecastPence)}`).join('; ')}</desc>
        {lines.map((l, i) => {
          const y = i * row + 2;
          return (
            <g key={l.code}>
              <text x={labelWidth - 6} y={y + 17} textAnchor="end" fontSize="11" fill="#212b32">
                {l.label.length > 34 ? `${l.label.slice(0, 33)}…` : l.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={w(l.budgetPence)} height={11} fill="#005eb8" />
              <rect x={labelWidth} y={y + 15} width={w(l.forecastPence)} height={11} fill={l.forecastPence > l.budgetPence ? '#d5281b' : '#007f3b'} />
              <text x={labelWidth + Math.max(w(l.budgetPence), w(l.forecastPence)) + 4} y={y + 19} fontSize="11" fill="#212b32">
                {formatPounds(l.forecastPence - l.budgetPence)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="caretrust-legend">
          <li><span className="caretrust-legend__swatch" style={{ background: '#005eb8' }} aria-hidden="true" />Budget</li>
          <li><span className="caretrust-legend__swatch" style={{ background: '#007f3b' }} aria-hidden="true" />Forecast within budget</li>
          <li><span className="caretrust-legend__swatch" style={{ background: '#d5281b' }} aria-hidden="true" />Forecast over budget</li>
        </ul>
      </figcaption>
    </figure>
  );
}

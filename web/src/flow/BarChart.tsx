import { useId } from 'react';

export type Bar = { label: string; value: number; segments?: { name: string; value: number }[] };

const palette = ['#005eb8', '#ffb81c', '#007f3b', '#7c2855', '#330072', '#ae2573', '#00a499', '#425563'];

/**
 * Simple horizontal bars in SVG, with a title and a description for screen readers; the table
 * beside it holds the same figures. Stacked when bars have segments (a legend names them).
 */
export function BarChart({ title, bars, unit, testId }: { title: string; bars: Bar[]; unit: string; testId?: string }) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 22;
  const labelWidth = 90;
  const width = 420;
  const barSpace = width - labelWidth - 60;
  const height = Math.max(rowHeight, bars.length * rowHeight) + 4;
  const segmentNames = [...new Set(bars.flatMap((b) => (b.segments ?? []).map((s) => s.name)))];
  const colour = (name: string) => palette[segmentNames.indexOf(name) % palette.length];
  return (
    <figure className="caretrust-chart" data-testid={testId}>
      <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{bars.length === 0 ? 'No figures for this period.' : bars.map((b) => `${b.label}: ${b.value} ${unit}`).join('; ')}</desc>
        {bars.map((b, i) => {
          const y = i * rowHeight + 2;
          let x = labelWidth;
          const parts = b.segments && b.segments.length ? b.segments : [{ name: '', value: b.value }];
          return (
            <g key={b.label}>
              <text x={labelWidth - 6} y={y + 15} textAnchor="end" fontSize="12" fill="#212b32">
                {b.label}
              </text>
              {parts.map((s) => {
                const w = (s.value / max) * barSpace;
                const rect = <rect key={s.name} x={x} y={y + 3} width={Math.max(0, w)} height={rowHeight - 6} fill={s.name ? colour(s.name) : palette[0]} />;
                x += w;
                return rect;
              })}
              <text x={x + 4} y={y + 15} fontSize="12" fill="#212b32">
                {b.value.toLocaleString('en-GB')}
              </text>
            </g>
          );
        })}
      </svg>
      {segmentNames.length > 1 ? (
        <figcaption>
          <ul className="caretrust-legend">
            {segmentNames.map((n) => (
              <li key={n}>
                <span className="caretrust-legend__swatch" style={{ background: colour(n) }} aria-hidden="true" />
                {n}
              </li>
            ))}
          </ul>
        </figcaption>
      ) : null}
    </figure>
  );
}

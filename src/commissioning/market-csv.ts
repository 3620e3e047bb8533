/** The market view's table as CSV: one row per month and group, then each month's total; pence as pounds, hours with two decimals. */
import { tableToCsv, type ExportCell } from '../reporting/table-export.js';
import type { MarketFigures, MarketView } from './market.js';
import { hundredthsText } from './market-rules.js';

const groupHeader = { provider: 'Provider', service: 'Service', zone: 'Zone' } as const;

function cells(f: MarketFigures): ExportCell[] {
  return [f.committedPence, f.paidPence, hundredthsText(f.plannedHoursHundredths), hundredthsText(f.deliveredHoursHundredths), f.pricePerHourPence, f.packages, f.people];
}

export function marketCsv(view: MarketView): string {
  return tableToCsv({
    columns: [
      { header: 'Month', kind: 'text' },
      { header: groupHeader[view.by], kind: 'text' },
      { header: 'Committed spend (£)', kind: 'pence' },
      { header: 'Paid spend (£)', kind: 'pence' },
      { header: 'Planned hours', kind: 'integer' },
      { header: 'Delivered hours', kind: 'integer' },
      { header: 'Price per planned hour (£)', kind: 'pence' },
      { header: 'Packages', kind: 'integer' },
      { header: 'People', kind: 'integer' },
    ],
    rows: [...view.rows.map((r) => [r.month, r.label, ...cells(r)]), ...view.totals.map((t) => [t.month, 'All', ...cells(t)])],
  });
}

import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Loading, ProblemMessage, useFilterParams, usePageTitle } from '../components/common';
import { BarChart, type Bar } from '../flow/BarChart';
import { formatDate, formatPounds, humanise } from '../format';
import { BudgetForecastChart } from './PoolCharts';
import { monthLabel, poolApi, type Pool } from './poolApi';

const lineHref = (code: string, fy: string) => `/finance/lines/${encodeURIComponent(code)}?fy=${fy}`;
const pounds = (p: number) => Math.round(p / 100);

/** The pool as an open book: budget against forecast by line, contributions by partner, spend by month. */
export function PoolDashboardPage() {
  usePageTitle('Pooled budget');
  const [params, setParam] = useFilterParams();
  const fy = params.get('fy') ?? undefined;
  const on = params.get('on') ?? undefined;
  const pool = useQuery({ queryKey: ['pool', fy, on], queryFn: () => poolApi.pool({ fy, on }) });
  if (pool.isPending) return <Loading what="the pooled budget" />;
  if (pool.isError) return <ProblemMessage error={pool.error} />;
  const p = pool.data;
  return (
    <>
      <h1>Pooled budget {p.financialYear}</h1>
      <p>
        Forecast outturn as at {formatDate(p.on)}: actual spend to date, commitments from care packages to 31 March, and a seasonal trend of new demand.
        {p.monthsTaken.length ? ` Months taken into the history: ${p.monthsTaken.map((m) => monthLabel(m.month)).join(', ')}.` : ' No month has been taken into the history yet.'}
      </p>
      <div className="caretrust-filters">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="pool-on">As at</label>
          <input className="nhsuk-input nhsuk-input--width-10" id="pool-on" type="date" defaultValue={p.on} onBlur={(e) => setParam('on', e.target.value)} />
        </div>
      </div>
      <Totals p={p} />
      <h2>Budget and forecast by line</h2>
      <BudgetForecastChart lines={p.lines.map((l) => ({ code: l.code, label: l.name, budgetPence: l.budgetPence, forecastPence: l.forecastPence }))} />
      <LinesTable p={p} />
      <h2>Contributions by partner</h2>
      <BarChart title="Planned contributions by partner, £" bars={p.contributions.map((c) => ({ label: c.partnerName.slice(0, 14), value: pounds(c.plannedPence + c.variationsPence) }))} unit="pounds" testId="contributions-chart" />
      <table className="nhsuk-table" data-testid="contributions-table">
        <caption className="nhsuk-table__caption">Contributions by partner and funding stream</caption>
        <thead className="nhsuk-table__head"><tr><th scope="col">Partner</th><th scope="col">Funding streams</th><th scope="col" className="nhsuk-table__header--numeric">Planned</th><th scope="col" className="nhsuk-table__header--numeric">Varied</th><th scope="col" className="nhsuk-table__header--numeric">Received</th></tr></thead>
        <tbody className="nhsuk-table__body">
          {p.contributions.map((c) => (
            <tr key={c.partnerId}>
              <th scope="row">{c.partnerName}</th>
              <td>{c.streams.map((s) => humanise(s.stream)).join(', ')}</td>
              <td className="nhsuk-table__cell--numeric">{formatPounds(c.plannedPence)}</td>
              <td className="nhsuk-table__cell--numeric">{formatPounds(c.variationsPence)}</td>
              <td className="nhsuk-table__cell--numeric">{formatPounds(c.receivedPence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Spend title="Spend by client group and month" series={p.spend.byClientGroup} months={p.spend.months} testId="spend-by-group" />
      <Spend title="Spend by zone and month" series={p.spend.byZone} months={p.spend.months} testId="spend-by-zone" />
    </>
  );
}

function Totals({ p }: { p: Pool }) {
  const t = p.totals;
  return (
    <dl className="nhsuk-summary-list" data-testid="pool-totals">
      {([
        ['Budget', t.budgetPence],
        ['Actual spend to date', t.actualsPence],
        ['Commitments to 31 March', t.commitmentPence],
        ['Trend of new demand', t.trendPence],
        ['Forecast outturn', t.forecastPence],
        [t.variancePence > 0 ? 'Forecast overspend' : 'Forecast underspend', Math.abs(t.variancePence)],
      ] as const).map(([k, v]) => (
        <div className="nhsuk-summary-list__row" key={k}>
          <dt className="nhsuk-summary-list__key">{k}</dt>
          <dd className="nhsuk-summary-list__value">{formatPounds(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function LinesTable({ p }: { p: Pool }) {
  return (
    <table className="nhsuk-table" data-testid="pool-lines">
      <caption className="nhsuk-table__caption">Each line’s budget, actuals, commitments, trend, forecast and variance (positive is an overspend); open a line for the postings and packages behind it</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Budget line</th>
          <th scope="col" className="nhsuk-table__header--numeric">Budget</th>
          <th scope="col" className="nhsuk-table__header--numeric">Actuals</th>
          <th scope="col" className="nhsuk-table__header--numeric">Commitments</th>
          <th scope="col" className="nhsuk-table__header--numeric">Trend</th>
          <th scope="col" className="nhsuk-table__header--numeric">Forecast</th>
          <th scope="col" className="nhsuk-table__header--numeric">Variance</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {p.lines.map((l) => (
          <tr key={l.code}>
            <th scope="row"><Link to={lineHref(l.code, p.financialYear)}>{l.name}</Link></th>
            <td className="nhsuk-table__cell--numeric">{formatPounds(l.budgetPence)}</td>
            <td className="nhsuk-table__cell--numeric"><Link to={`${lineHref(l.code, p.financialYear)}#postings`}>{formatPounds(l.actualsPence)}</Link></td>
            <td className="nhsuk-table__cell--numeric"><Link to={`${lineHref(l.code, p.financialYear)}#packages`}>{formatPounds(l.commitmentPence)}</Link></td>
            <td className="nhsuk-table__cell--numeric">{formatPounds(l.trendPence)}</td>
            <td className="nhsuk-table__cell--numeric">{formatPounds(l.forecastPence)}</td>
            <td className="nhsuk-table__cell--numeric">{formatPounds(l.variancePence)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">The pool</th>
          {(['budgetPence', 'actualsPence', 'commitmentPence', 'trendPence', 'forecastPence', 'variancePence'] as const).map((k) => (
            <td key={k} className="nhsuk-table__cell--numeric"><strong>{formatPounds(p.totals[k])}</strong></td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

function Spend({ title, series, months, testId }: { title: string; series: Pool['spend']['byClientGroup']; months: string[]; testId: string }) {
  const bars: Bar[] = months.map((m) => {
    const segments = series.map((s) => ({ name: s.label, value: Math.max(0, pounds(s.months.find((x) => x.month === m)?.pence ?? 0)) }));
    return { label: monthLabel(m), value: segments.reduce((a, s) => a + s.value, 0), segments };
  });
  return (
    <>
      <h2>{title}</h2>
      <BarChart title={`${title}, £`} bars={bars} unit="pounds" />
      <table className="nhsuk-table" data-testid={testId}>
        <caption className="nhsuk-table__caption">{title}</caption>
        <thead className="nhsuk-table__head">
          <tr><th scope="col">Month</th>{series.map((s) => <th scope="col" key={s.label} className="nhsuk-table__cell--numeric">{s.label}</th>)}</tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {months.map((m) => (
            <tr key={m}>
              <th scope="row">{monthLabel(m)}</th>
              {series.map((s) => <td key={s.label} className="nhsuk-table__cell--numeric">{formatPounds(s.months.find((x) => x.month === m)?.pence ?? 0)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {series.length === 0 ? <p>No spend posted in the year yet.</p> : null}
    </>
  );
}

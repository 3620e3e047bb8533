import { useQuery } from '@tanstack/react-query';
import { Loading, ProblemMessage, useFilterParams, usePageTitle } from '../components/common';
import { BarChart } from '../flow/BarChart';
import { formatPounds } from '../format';
import { marketApi, type InHouseComparison, type MarketBy, type MarketView, type Utilisation } from './marketApi';

const hours = (h: number) => (h / 100).toFixed(2);
const price = (p: number | null) => (p === null ? '—' : formatPounds(p));
const byLabel: Record<MarketBy, string> = { provider: 'Provider', service: 'Service', zone: 'Zone' };

function MarketTable({ view }: { view: MarketView }) {
  return (
    <table className="nhsuk-table" data-testid="market-table">
      <caption className="nhsuk-table__caption">Spend, hours and price per hour by {byLabel[view.by].toLowerCase()} and month</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Month</th>
          <th scope="col">{byLabel[view.by]}</th>
          <th scope="col">Committed</th>
          <th scope="col">Paid</th>
          <th scope="col">Planned hours</th>
          <th scope="col">Delivered hours</th>
          <th scope="col">Price per hour</th>
          <th scope="col">Packages</th>
          <th scope="col">People</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {view.rows.length === 0 ? (
          <tr>
            <td colSpan={9}>No committed or paid care in these months.</td>
          </tr>
        ) : null}
        {view.rows.map((r) => (
          <tr key={`${r.month}|${r.key}`} data-testid="market-row">
            <td>{r.month}</td>
            <td>{r.label}</td>
            <td>{formatPounds(r.committedPence)}</td>
            <td>{formatPounds(r.paidPence)}</td>
            <td>{hours(r.plannedHoursHundredths)}</td>
            <td>{hours(r.deliveredHoursHundredths)}</td>
            <td>{price(r.pricePerHourPence)}</td>
            <td>{r.packages}</td>
            <td>{r.people}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function UtilisationTable({ u }: { u: Utilisation }) {
  return (
    <table className="nhsuk-table" data-testid="utilisation-table">
      <caption className="nhsuk-table__caption">Contract utilisation on {u.on}</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Contract</th>
          <th scope="col">Kind</th>
          <th scope="col">Provider</th>
          <th scope="col">Units a week bought</th>
          <th scope="col">Units a week placed</th>
          <th scope="col">Utilisation</th>
          <th scope="col">Committed to date</th>
          <th scope="col">Paid to date</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {u.contracts.length === 0 ? (
          <tr>
            <td colSpan={8}>No contracts yet.</td>
          </tr>
        ) : (
          u.contracts.map((c) => (
            <tr key={c.contractId}>
              <td>{c.reference} {c.title}</td>
              <td>{c.kind}</td>
              <td>{c.providerName}</td>
              <td>{c.blockWeeklyUnitsHundredths === null ? '—' : hours(c.blockWeeklyUnitsHundredths)}</td>
              <td>{hours(c.placedWeeklyUnitsHundredths)}</td>
              <td>{c.utilisationBp === null ? '—' : `${(c.utilisationBp / 100).toFixed(1)}%`}</td>
              <td>{formatPounds(c.committedToDatePence)}</td>
              <td>{formatPounds(c.paidToDatePence)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function InHousePanel({ c }: { c: InHouseComparison }) {
  return (
    <section data-testid="in-house-panel">
      <h2>In-house against commissioned home care</h2>
      {c.basis === null ? <p>This place has no cost model of in-house home care; only the commissioned rates are shown.</p> : <p className="nhsuk-body-s">{c.basis}</p>}
      {c.inHouse.map((p) => (
        <table className="nhsuk-table" key={p.from}>
          <caption className="nhsuk-table__caption">Cost of an in-house hour from {p.from} ({p.label}): {formatPounds(p.costPerHourPence)}</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Part</th>
              <th scope="col">Per hour</th>
              <th scope="col">Basis</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {p.buildUp.map((s) => (
              <tr key={s.step}>
                <td>{s.label}</td>
                <td>{formatPounds(s.pence)}</td>
                <td>{s.basis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <table className="nhsuk-table" data-testid="in-house-table">
        <caption className="nhsuk-table__caption">Cost per hour by month</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Month</th>
            <th scope="col">In-house</th>
            <th scope="col">Commissioned (mean of {'rates'})</th>
            <th scope="col">Lowest to highest</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {c.months.map((m) => (
            <tr key={m.month}>
              <td>{m.month}{m.changed ? ' (changed)' : ''}</td>
              <td>{price(m.inHouseCostPerHourPence)}</td>
              <td>{price(m.commissionedMeanPence)} ({m.commissionedRates})</td>
              <td>{m.commissionedLowestPence === null ? '—' : `${formatPounds(m.commissionedLowestPence)} to ${price(m.commissionedHighestPence)}`}</td>
              <td>{price(m.differencePence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function MarketViewPage() {
  usePageTitle('Market view');
  const [params, setParam] = useFilterParams();
  const by = (['provider', 'service', 'zone'].includes(params.get('by') ?? '') ? params.get('by') : 'provider') as MarketBy;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const view = useQuery({ queryKey: ['market', by, from, to], queryFn: () => marketApi.market({ by, from, to }) });
  const utilisation = useQuery({ queryKey: ['market-utilisation'], queryFn: () => marketApi.utilisation() });
  const inHouse = useQuery({ queryKey: ['market-in-house', from, to], queryFn: () => marketApi.inHouse({ from, to }) });
  return (
    <>
      <h1>Market view</h1>
      <p>Spend, hours and price per hour of commissioned care by {byLabel[by].toLowerCase()}, month by month. Counts of packages and people only: no one is named here.</p>
      <form className="nhsuk-form-group" onSubmit={(e) => e.preventDefault()}>
        <label className="nhsuk-label" htmlFor="market-by">Show by</label>
        <select className="nhsuk-select" id="market-by" value={by} onChange={(e) => setParam('by', e.target.value)}>
          <option value="provider">Provider</option>
          <option value="service">Service</option>
          <option value="zone">Zone</option>
        </select>{' '}
        <label className="nhsuk-label" htmlFor="market-from">From month</label>
        <input className="nhsuk-input nhsuk-input--width-10" id="market-from" type="month" value={from ?? ''} onChange={(e) => setParam('from', e.target.value)} />
        <label className="nhsuk-label" htmlFor="market-to">To month</label>
        <input className="nhsuk-input nhsuk-input--width-10" id="market-to" type="month" value={to ?? ''} onChange={(e) => setParam('to', e.target.value)} />
      </form>
      {view.isPending ? <Loading what="the market view" /> : view.isError ? <ProblemMessage error={view.error} /> : (
        <>
          <BarChart title="Committed spend by month, £" bars={view.data.totals.map((t) => ({ label: t.month, value: Math.round(t.committedPence / 100) }))} unit="pounds" testId="market-spend-chart" />
          <BarChart title="Price per planned hour by month, £" bars={view.data.totals.map((t) => ({ label: t.month, value: (t.pricePerHourPence ?? 0) / 100 }))} unit="pounds" testId="market-price-chart" />
          <p>
            <a className="nhsuk-link" href={marketApi.csvHref({ by, from, to })} download data-testid="market-csv">Download this table as CSV</a>
          </p>
          <MarketTable view={view.data} />
        </>
      )}
      <h2>Contract utilisation</h2>
      {utilisation.isPending ? <Loading what="contract utilisation" /> : utilisation.isError ? <ProblemMessage error={utilisation.error} /> : <UtilisationTable u={utilisation.data} />}
      {inHouse.isPending ? <Loading what="the in-house comparison" /> : inHouse.isError ? <ProblemMessage error={inHouse.error} /> : <InHousePanel c={inHouse.data} />}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { BackLink, Table } from 'nhsuk-react-components';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Loading, ProblemMessage, useFilterParams, usePageTitle } from '../components/common';
import { formatDate } from '../format';
import { BarChart, type Bar } from '../flow/BarChart';
import { flowApi, type MeasureFilter, type Measures } from '../flow/api';

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (m: string) => `${monthNames[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
const n = (v: number | null | undefined, unit = '') => (v === null || v === undefined ? '–' : `${v.toLocaleString('en-GB')}${unit}`);

function Measure({ id, title, intro, chart, table, csv }: { id: string; title: string; intro: string; chart: ReactNode; table: ReactNode; csv: string }) {
  return (
    <section aria-labelledby={`${id}-heading`} data-testid={`measure-${id}`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <p>{intro}</p>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">{chart}</div>
        <div className="nhsuk-grid-column-one-half">{table}</div>
      </div>
      <p>
        <a href={csv} download>
          Download {title.toLowerCase()} as CSV
        </a>
      </p>
    </section>
  );
}

function SimpleTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <Table responsive caption={caption} captionProps={{ size: 's' }}>
      <Table.Head>
        <Table.Row>
          {head.map((h) => (
            <Table.Cell key={h}>{h}</Table.Cell>
          ))}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.length === 0 ? (
          <Table.Row>
            <Table.Cell colSpan={head.length}>No figures for this period.</Table.Cell>
          </Table.Row>
        ) : (
          rows.map((r, i) => (
            <Table.Row key={i}>
              {r.map((c, j) => (
                <Table.Cell key={j}>{c}</Table.Cell>
              ))}
            </Table.Row>
          ))
        )}
      </Table.Body>
    </Table>
  );
}

function months(m: Measures): string[] {
  const out: string[] = [];
  for (let x = m.from; x <= m.to; ) {
    out.push(x);
    const [y, mo] = x.split('-').map(Number) as [number, number];
    x = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return out;
}

export function FlowMeasuresPage() {
  usePageTitle('Hospital flow measures');
  const [params, set] = useFilterParams();
  const filter: MeasureFilter = { zone: params.get('zone') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const measures = useQuery({ queryKey: ['flow', 'measures', filter], queryFn: () => flowApi.measures(filter) });

  return (
    <>
      <BackLink asElement={Link} to="/">
        Home
      </BackLink>
      <h1>Hospital flow measures</h1>
      <p className="nhsuk-lede-text">Beds, emergency use by older people, delays and their attribution, long stays, and people at home after reablement — by month, for the place or a zone.</p>
      <div className="caretrust-filters">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="measures-zone">
            Zone
          </label>
          <select className="nhsuk-select" id="measures-zone" value={filter.zone ?? ''} onChange={(e) => set('zone', e.target.value)}>
            <option value="">The whole place</option>
            {(measures.data?.zones ?? []).map((z) => (
              <option key={z.id} value={z.code}>
                {z.name}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="measures-from">
            First month
          </label>
          <input className="nhsuk-input nhsuk-input--width-10" type="month" id="measures-from" value={filter.from ?? measures.data?.from ?? ''} onChange={(e) => set('from', e.target.value)} />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="measures-to">
            Last month
          </label>
          <input className="nhsuk-input nhsuk-input--width-10" type="month" id="measures-to" value={filter.to ?? measures.data?.to ?? ''} onChange={(e) => set('to', e.target.value)} />
        </div>
      </div>
      {measures.isPending ? <Loading what="the measures" /> : measures.isError ? <ProblemMessage error={measures.error} /> : <MeasureSections m={measures.data} filter={filter} />}
    </>
  );
}

function MeasureSections({ m, filter }: { m: Measures; filter: MeasureFilter }) {
  const ms = months(m);
  const where = m.zone ? m.zone.name : 'the whole place';
  const csv = (measure: string) => flowApi.csvUrl(measure, { ...filter, from: m.from, to: m.to });
  const sum = <T,>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
  const bedsBars: Bar[] = ms.map((month) => ({ label: monthLabel(month), value: Math.round(sum(m.occupiedBeds.filter((b) => b.month === month), (b) => b.meanOccupiedBeds)) }));
  const emergency65 = m.emergency.filter((e) => e.ageBand === '65+');
  const attributions = ['NHS', 'Social care', 'Both'];
  const delayBars: Bar[] = ms.map((month) => {
    const rows = m.delayedDays.filter((d) => d.month === month);
    return { label: monthLabel(month), value: sum(rows, (d) => d.days), segments: attributions.map((a) => ({ name: a, value: sum(rows.filter((d) => d.attributionLabel === a), (d) => d.days) })) };
  });
  return (
    <>
      <p data-testid="measures-scope">
        {monthLabel(m.from)} to {monthLabel(m.to)}, {where}, as of {formatDate(m.asOf)}.
      </p>
      <Measure
        id="occupied-beds"
        title="Occupied beds"
        intro="Mean beds occupied at midnight each day, by hospital and ward (the ward a person is on now or left from)."
        chart={<BarChart title={`Mean occupied beds by month, ${where}`} bars={bedsBars} unit="beds" />}
        table={<SimpleTable caption="Mean occupied beds" head={['Month', 'Hospital', 'Ward', 'Beds']} rows={m.occupiedBeds.map((b) => [monthLabel(b.month), b.hospital, b.ward, n(b.meanOccupiedBeds)])} />}
        csv={csv('occupied-beds')}
      />
      <Measure
        id="emergency"
        title="Emergency admissions and bed days of older people"
        intro="Emergency admissions, and bed days of emergency stays, per 1,000 people aged 65+, 75+ and 85+ on the register."
        chart={<BarChart title={`Emergency bed days per 1,000 people aged 65 and over, ${where}`} bars={emergency65.map((e) => ({ label: monthLabel(e.month), value: e.bedDaysPer1000 }))} unit="bed days per 1,000" />}
        table={
          <SimpleTable
            caption="Per 1,000 population"
            head={['Month', 'Age', 'Admissions', 'Admissions per 1,000', 'Bed days per 1,000']}
            rows={m.emergency.map((e) => [monthLabel(e.month), e.ageBand, n(e.admissions), n(e.admissionsPer1000), n(e.bedDaysPer1000)])}
          />
        }
        csv={csv('emergency')}
      />
      <Measure
        id="delayed-days"
        title="Delayed days by attribution and reason"
        intro="Days from the Discharge Ready Date to discharge, each with the reason awaited at midnight and whose delay it was."
        chart={<BarChart title={`Delayed days by month and attribution, ${where}`} bars={delayBars} unit="delayed days" />}
        table={<SimpleTable caption="Delayed days" head={['Month', 'Reason', 'Attribution', 'Days']} rows={m.delayedDays.map((d) => [monthLabel(d.month), d.reasonLabel, d.attributionLabel, d.days])} />}
        csv={csv('delayed-days')}
      />
      <Measure
        id="drd"
        title="Discharged on their Discharge Ready Date"
        intro="The share of discharges on the day the person was ready, and the mean delay of the others (the Better Care Fund's discharge measure)."
        chart={<BarChart title={`Percent discharged on their Discharge Ready Date, ${where}`} bars={m.dischargeReadyDate.map((d) => ({ label: monthLabel(d.month), value: d.percentOnDischargeReadyDate ?? 0 }))} unit="percent" />}
        table={
          <SimpleTable
            caption="Discharges"
            head={['Month', 'Discharged', 'On their DRD', 'Mean delay of others (days)']}
            rows={m.dischargeReadyDate.map((d) => [monthLabel(d.month), n(d.discharged), n(d.percentOnDischargeReadyDate, '%'), n(d.meanDelayOfOthers)])}
          />
        }
        csv={csv('drd')}
      />
      <Measure
        id="long-stays"
        title="Long stays"
        intro="Discharges after 7, 14 and 21 or more days in hospital."
        chart={
          <BarChart
            title={`Discharges after long stays, ${where}`}
            bars={m.longStays.map((l) => ({
              label: monthLabel(l.month),
              value: l.days7Plus,
              segments: [
                { name: '7 to 13 days', value: l.days7Plus - l.days14Plus },
                { name: '14 to 20 days', value: l.days14Plus - l.days21Plus },
                { name: '21 days or more', value: l.days21Plus },
              ],
            }))}
            unit="discharges"
          />
        }
        table={<SimpleTable caption="Long stays" head={['Month', 'Discharged', '7+ days', '14+ days', '21+ days']} rows={m.longStays.map((l) => [monthLabel(l.month), n(l.discharged), n(l.days7Plus), n(l.days14Plus), n(l.days21Plus)])} />}
        csv={csv('long-stays')}
      />
      <Measure
        id="at-home-91"
        title="At home 91 days after discharge into reablement"
        intro="People aged 65 and over discharged home on pathway 1 who are still at home 91 days later (not in hospital, a care home, or dead)."
        chart={<BarChart title={`Percent at home after 91 days, ${where}`} bars={m.atHome91Days.map((d) => ({ label: monthLabel(d.month), value: d.percent ?? 0 }))} unit="percent" />}
        table={<SimpleTable caption="At home after 91 days" head={['Month', 'Discharged', 'At home', 'Percent']} rows={m.atHome91Days.map((d) => [monthLabel(d.month), n(d.discharged), n(d.atHome), n(d.percent, '%')])} />}
        csv={csv('at-home-91')}
      />
    </>
  );
}

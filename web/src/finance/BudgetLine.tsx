import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api';
import { FormErrorSummary, Loading, ProblemMessage, useFilterParams, usePageTitle, type FormProblem } from '../components/common';
import { formatDate, formatDateTime, formatPounds, humanise } from '../format';
import { useSession } from '../session';
import { monthLabel, poolApi, postsToPool, type LineDrillDown } from './poolApi';

const num = 'nhsuk-table__cell--numeric';
const numHead = 'nhsuk-table__header--numeric';

/** One budget line: its forecast, the postings and package lines behind it, its history and commentary. */
export function BudgetLinePage() {
  const { code = '' } = useParams();
  const [params] = useFilterParams();
  const fy = params.get('fy') ?? undefined;
  const on = params.get('on') ?? undefined;
  const [after, setAfter] = useState<string[]>([]);
  usePageTitle('Budget line');
  const line = useQuery({ queryKey: ['pool-line', code, fy, on, after.at(-1)], queryFn: () => poolApi.line(code, { fy, on, after: after.at(-1), limit: 50 }) });
  if (line.isPending) return <Loading what="the budget line" />;
  if (line.isError) return <ProblemMessage error={line.error} />;
  const d = line.data;
  const l = d.line;
  return (
    <>
      <Link className="nhsuk-back-link" to={`/finance?fy=${d.financialYear}`}>Pooled budget</Link>
      <h1>{l.name}</h1>
      <p>Budget line {l.code}, {d.financialYear}, as at {formatDate(d.on)}.</p>
      <dl className="nhsuk-summary-list" data-testid="line-figures">
        <Row k="Budget" v={formatPounds(l.budgetPence)} />
        <Row k="Actual spend to date" v={<a href="#postings">{formatPounds(l.actualsPence)}</a>} />
        <Row k="Commitments to 31 March" v={<a href="#packages">{formatPounds(l.commitmentPence)} from {l.commitmentLines} package lines</a>} />
        <Row k="Trend of new demand" v={`${formatPounds(l.trendPence)} (new packages at ${formatPounds(l.newWeeklyPencePerMonth)} a week each month)`} />
        <Row k="Forecast outturn" v={formatPounds(l.forecastPence)} />
        <Row k="Variance against budget" v={formatPounds(l.variancePence)} />
      </dl>
      <h2>Actual spend by month</h2>
      <table className="nhsuk-table" data-testid="monthly-actuals">
        <caption className="nhsuk-table__caption">Net spend posted to the line each month</caption>
        <thead className="nhsuk-table__head"><tr><th scope="col">Month</th><th scope="col" className={numHead}>Spend</th></tr></thead>
        <tbody className="nhsuk-table__body">
          {d.monthlyActuals.map((m) => <tr key={m.month}><th scope="row">{monthLabel(m.month)}</th><td className={num}>{formatPounds(m.pence)}</td></tr>)}
        </tbody>
      </table>
      <Postings d={d} onNext={(id) => setAfter([...after, id])} onFirst={after.length ? () => setAfter([]) : null} />
      <Packages d={d} />
      <History d={d} />
      <Commentary d={d} />
    </>
  );
}

function Row({ k, v }: { k: string; v: React.ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{k}</dt>
      <dd className="nhsuk-summary-list__value">{v}</dd>
    </div>
  );
}

function Postings({ d, onNext, onFirst }: { d: LineDrillDown; onNext: (after: string) => void; onFirst: (() => void) | null }) {
  const trace = (t: LineDrillDown['postings']['entries'][number]['trace']) =>
    [t.packageId ? `package ${t.packageId.slice(0, 8)}` : '', t.serviceLineId ? `line ${t.serviceLineId.slice(0, 8)}` : '', t.invoiceLineRef ? `invoice ${t.invoiceLineRef}` : '', t.glLineRef ? `GL ${t.glLineRef}` : ''].filter(Boolean).join(', ');
  return (
    <>
      <h2 id="postings">Postings</h2>
      {d.postings.entries.length === 0 ? <p>Nothing has been posted to this line in the year to date.</p> : null}
      <table className="nhsuk-table" data-testid="postings">
        <caption className="nhsuk-table__caption">Ledger entries on the line, oldest first, with the journal, its source and what it traces to</caption>
        <thead className="nhsuk-table__head"><tr><th scope="col">Posted</th><th scope="col">Journal</th><th scope="col">Source</th><th scope="col">Trace</th><th scope="col" className={numHead}>Amount</th></tr></thead>
        <tbody className="nhsuk-table__body">
          {d.postings.entries.map((e) => (
            <tr key={e.entryId}>
              <td>{formatDate(e.postedOn)}</td>
              <td>{e.description}<br /><span className="nhsuk-body-s">journal {e.journalId.slice(0, 8)}</span></td>
              <td>{humanise(e.sourceKind)}</td>
              <td>{trace(e.trace)}</td>
              <td className={num}>{formatPounds(e.amountPence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.postings.nextAfter ? <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => onNext(d.postings.nextAfter!)}>Next postings</button> : null}
      {onFirst ? <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onFirst}>First postings</button> : null}
    </>
  );
}

function Packages({ d }: { d: LineDrillDown }) {
  const named = d.packageLines.some((p) => p.person);
  return (
    <>
      <h2 id="packages">Package lines</h2>
      <p>The care package lines charging this line in the year{named ? '' : ', without names: your role sees no person detail'}.</p>
      <table className="nhsuk-table" data-testid="package-lines">
        <caption className="nhsuk-table__caption">Package lines behind the commitment</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Package</th>{named ? <th scope="col">Person</th> : null}<th scope="col">Provider</th><th scope="col">Service</th><th scope="col">Client group</th><th scope="col">Zone</th><th scope="col">Runs</th>
            <th scope="col" className={numHead}>Weekly cost</th><th scope="col" className={numHead}>Commitment</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {d.packageLines.map((p) => (
            <tr key={p.serviceLineId}>
              <td>{p.packageRef.slice(0, 8)}</td>
              {named ? <td>{p.person?.name ?? ''}</td> : null}
              <td>{p.providerName}</td>
              <td>{p.component}</td>
              <td>{humanise(p.clientGroup)}</td>
              <td>{p.zoneCode ?? 'All zones'}</td>
              <td>{formatDate(p.startOn)} to {p.endOn ? formatDate(p.endOn) : 'open'}</td>
              <td className={num}>{formatPounds(p.weeklyPence)}</td>
              <td className={num}>{formatPounds(p.commitmentPence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function History({ d }: { d: LineDrillDown }) {
  return (
    <>
      <h2 id="history">Forecast month by month</h2>
      {d.history.length === 0 ? <p>No month of {d.financialYear} has been taken into the history yet; month close takes it.</p> : (
        <table className="nhsuk-table" data-testid="forecast-history">
          <caption className="nhsuk-table__caption">The line’s forecast as taken at each month’s end</caption>
          <thead className="nhsuk-table__head"><tr><th scope="col">Month</th><th scope="col" className={numHead}>Budget</th><th scope="col" className={numHead}>Actuals</th><th scope="col" className={numHead}>Commitments</th><th scope="col" className={numHead}>Trend</th><th scope="col" className={numHead}>Forecast</th><th scope="col" className={numHead}>Variance</th></tr></thead>
          <tbody className="nhsuk-table__body">
            {d.history.map((s) => (
              <tr key={s.month}>
                <th scope="row">{monthLabel(s.month)}</th>
                {[s.budgetPence, s.actualsPence, s.commitmentPence, s.trendPence, s.forecastPence, s.variancePence].map((v, i) => <td key={i} className={num}>{formatPounds(v)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Commentary({ d }: { d: LineDrillDown }) {
  const { user } = useSession();
  const client = useQueryClient();
  const lastMonth = d.monthlyActuals.at(-2)?.month ?? d.monthlyActuals.at(-1)?.month ?? d.on.slice(0, 7);
  const [month, setMonth] = useState(lastMonth);
  const [text, setText] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState('');
  const save = useMutation({
    mutationFn: () => poolApi.comment({ month, code: d.line.code, text }),
    onSuccess: async (c) => {
      setText('');
      setDone(`Your comment on ${monthLabel(c.month)} is saved.`);
      await client.invalidateQueries({ queryKey: ['pool-line'] });
    },
    onError: () => setAttempt((a) => a + 1),
  });
  const problems: FormProblem[] = save.error instanceof ApiError ? (save.error.details.length ? save.error.details.map((p) => ({ href: '#comment-text', text: `${p.field}: ${p.problem}` })) : [{ text: save.error.message }]) : [];
  return (
    <>
      <h2 id="commentary">Variance commentary</h2>
      {d.comments.length === 0 ? <p>No comments on this line yet.</p> : (
        <ul className="nhsuk-list" data-testid="comments">
          {d.comments.map((c) => (
            <li key={c.id}>
              <strong>{monthLabel(c.month)}</strong>{c.current ? '' : ' (superseded)'}: {c.text} <span className="nhsuk-body-s">— {c.authorName}, {formatDateTime(c.at)}</span>
            </li>
          ))}
        </ul>
      )}
      {done ? <p role="status" data-testid="comment-saved">{done}</p> : null}
      {postsToPool(user.role) ? (
        <form onSubmit={(e) => { e.preventDefault(); setDone(''); save.mutate(); }} noValidate>
          <FormErrorSummary problems={problems} attempt={attempt} />
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="comment-month">Month</label>
            <select className="nhsuk-select" id="comment-month" value={month} onChange={(e) => setMonth(e.target.value)}>
              {d.monthlyActuals.map((m) => <option key={m.month} value={m.month}>{monthLabel(m.month)}</option>)}
            </select>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="comment-text">Why the line varies</label>
            <div className="nhsuk-hint" id="comment-hint">A new comment on the same month replaces the one standing; the old one stays readable.</div>
            <textarea className="nhsuk-textarea" id="comment-text" rows={3} aria-describedby="comment-hint" value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <button className="nhsuk-button" type="submit" disabled={save.isPending}>Add comment</button>
        </form>
      ) : null}
    </>
  );
}

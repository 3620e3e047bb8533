import { formatDate, formatPounds } from '../format';
import { streamLabels, type Schedule } from './agreementApi';

type Row = { key: string; label: string; amount: (s: Schedule) => number | null; total?: boolean };

/** Every row any version has: each partner's streams, the planned total, each budget line, the budget total. */
function rowsOf(versions: Schedule[]): { contributions: Row[]; budgets: Row[] } {
  const contributions = new Map<string, Row>();
  const budgets = new Map<string, Row>();
  for (const v of versions) {
    for (const p of v.partners) {
      for (const c of p.contributions) {
        const key = `${p.partnerId}/${c.stream}`;
        if (!contributions.has(key)) {
          contributions.set(key, {
            key,
            label: `${p.partnerName}: ${streamLabels[c.stream]}`,
            amount: (s) => s.partners.find((x) => x.partnerId === p.partnerId)?.contributions.find((x) => x.stream === c.stream)?.plannedPence ?? null,
          });
        }
      }
    }
    for (const b of v.budgets) {
      if (!budgets.has(b.code)) budgets.set(b.code, { key: b.code, label: b.name, amount: (s) => s.budgets.find((x) => x.code === b.code)?.budgetPence ?? null });
    }
  }
  return {
    contributions: [...contributions.values(), { key: 'planned-total', label: 'Planned contributions in all', amount: (s) => s.plannedTotalPence, total: true }],
    budgets: [...budgets.values(), { key: 'budget-total', label: 'Budgets in all', amount: (s) => s.budgetTotalPence, total: true }],
  };
}

/** The year's schedule versions side by side, oldest first; each superseded one says by what, why and by whose decision. */
export function ScheduleVersionsSection({ fy, versions }: { fy: string; versions: Schedule[] }) {
  const { contributions, budgets } = rowsOf(versions);
  const next = (v: Schedule) => versions.find((x) => x.supersedesId === v.id);
  const body = (rows: Row[]) =>
    rows.map((r) => (
      <tr key={r.key} className={r.total ? 'caretrust-total-row' : undefined}>
        <th scope="row">{r.total ? <strong>{r.label}</strong> : r.label}</th>
        {versions.map((v) => {
          const amount = r.amount(v);
          return (
            <td key={v.id} className="nhsuk-table__cell--numeric">
              {amount === null ? <span aria-label="not in this version">–</span> : formatPounds(amount)}
            </td>
          );
        })}
      </tr>
    ));
  return (
    <section aria-labelledby="schedule-heading">
      <h3 id="schedule-heading">The {fy} schedule and its versions</h3>
      <p>A schedule is never edited: a change is a new version, and the old ones stay readable beside it.</p>
      <div className="caretrust-table-scroll">
        <table className="nhsuk-table" data-testid="schedule-versions">
          <caption className="nhsuk-table__caption">Planned contributions and budgets of {fy}, by version (oldest first)</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Line</th>
              {versions.map((v) => (
                <th scope="col" key={v.id} className="nhsuk-table__cell--numeric" data-testid="schedule-version-heading">
                  Version {v.version}
                  <span className="caretrust-access-detail">{v.current ? 'Current' : `Superseded by version ${next(v)?.version ?? v.version + 1}`}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {body(contributions)}
            {body(budgets)}
          </tbody>
        </table>
      </div>
      <ol className="nhsuk-list" data-testid="schedule-history">
        {versions.map((v) => {
          const successor = next(v);
          return (
            <li key={v.id} data-testid="schedule-history-item">
              <strong>Version {v.version}</strong>, recorded {formatDate(v.recordedAt)} (board decision {v.boardDecisionRef})
              {v.reason ? `: ${v.reason}` : ': the year’s first schedule'}.
              {successor ? (
                <span className="caretrust-access-detail">
                  Superseded by version {successor.version} because: {successor.reason} (board decision {successor.boardDecisionRef}).
                </span>
              ) : (
                <span className="caretrust-access-detail">In force now.</span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { NewDelegationInput } from '../../../src/partnership/delegation-inputs';
import { api, ApiError, type Accountability, type Delegation } from '../api';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { delegatedFunctionLabel, formatDate, humanise } from '../format';
import { useSession } from '../session';

const functions = [
  'asc_assessment',
  'asc_provision',
  'asc_commissioning',
  'health_commissioning',
  'community_health_provision',
  'mental_health_provision',
  'public_health',
  'children_community_health',
  'children_commissioning',
];
const legalBases: [string, string][] = [
  ['section_75', 'Section 75 agreement (NHS Act 2006)'],
  ['section_31_hsa_1999', 'Section 31 partnership arrangement (Health Act 1999)'],
  ['care_trust_order', 'Care trust establishment order'],
  ['other', 'Other (the partner holds its own function)'],
];
const basisLabel = (code: string) => legalBases.find(([c]) => c === code)?.[1] ?? humanise(code);
const today = () => new Date().toISOString().slice(0, 10);

/** The place's delegations over time: a timeline per function, who was accountable on a day, and (administrators) changes. */
export function DelegationsPage() {
  usePageTitle('Delegations over time');
  const { user } = useSession();
  const history = useQuery({ queryKey: ['delegations'], queryFn: () => api.delegations() });
  const place = useQuery({ queryKey: ['place'], queryFn: () => api.place() });
  if (history.isPending || place.isPending) return <Loading what="the delegations" />;
  if (history.isError) return <ProblemMessage error={history.error} />;
  if (place.isError) return <ProblemMessage error={place.error} />;
  const periods = history.data.delegations;
  const partners = place.data.partners.filter((p) => p.kind !== 'gp_practice');
  return (
    <>
      <h1>Delegations over time</h1>
      <p>Each bar is a period in which a partner holds a function for the client groups named. Taking a function back ends one period and starts another; no period is edited.</p>
      <Timeline periods={periods} />
      <AccountableForm clientGroups={place.data.place.clientGroups} />
      {user.role === 'administrator' ? (
        <>
          <SupersedeForm periods={periods.filter((d) => d.validTo === null)} partners={partners} />
          <RecordForm partners={partners} clientGroups={place.data.place.clientGroups} />
        </>
      ) : null}
    </>
  );
}

function Timeline({ periods }: { periods: Delegation[] }) {
  const first = Math.min(...periods.map((d) => Number(d.validFrom.slice(0, 4))), new Date().getFullYear());
  const last = new Date().getFullYear() + 1;
  const span = Math.max(1, last - first);
  const at = (day: string) => ((Number(day.slice(0, 4)) + (Number(day.slice(5, 7)) - 1) / 12 - first) / span) * 100;
  const byFunction = functions.map((fn) => [fn, periods.filter((d) => d.function === fn)] as const).filter(([, ds]) => ds.length > 0);
  return (
    <>
      <h2>Timeline</h2>
      <div aria-hidden="true" className="delegation-timeline" data-testid="delegation-timeline">
        <div className="delegation-timeline__axis">
          <span>{first}</span>
          <span>{last}</span>
        </div>
        {byFunction.map(([fn, ds]) => (
          <div key={fn} className="delegation-timeline__row">
            <div className="delegation-timeline__label">{delegatedFunctionLabel(fn)}</div>
            <div className="delegation-timeline__track">
              {ds.map((d) => {
                const left = Math.max(0, at(d.validFrom));
                const right = d.validTo ? at(d.validTo) : 100;
                return (
                  <span
                    key={d.id}
                    className={`delegation-timeline__bar${d.fromPartnerId === d.toPartnerId ? ' delegation-timeline__bar--own' : ''}`}
                    style={{ left: `${left}%`, width: `${Math.max(0.8, right - left)}%` }}
                    title={`${d.toPartnerName}: ${d.validFrom} to ${d.validTo ?? 'open'}`}
                  >
                    {d.toPartnerName}
                  </span>
                );
              })}
            </div>
          </div>
        ))}
      </div>
      <table className="nhsuk-table" data-testid="delegation-periods">
        <caption className="nhsuk-table__caption">Every period, oldest first within each function</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Function</th>
            <th scope="col">Client groups</th>
            <th scope="col">From → to</th>
            <th scope="col">Period</th>
            <th scope="col">Legal basis</th>
            <th scope="col">Board decision</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {periods.map((d) => (
            <tr key={d.id}>
              <td>{delegatedFunctionLabel(d.function)}</td>
              <td>{d.clientGroups.map(humanise).join(', ')}</td>
              <td>
                {d.fromPartnerName} → {d.toPartnerName}
              </td>
              <td>
                {formatDate(d.validFrom)} to {d.validTo ? formatDate(d.validTo) : 'open'}
                {d.endReason ? ` (${d.endReason})` : ''}
              </td>
              <td>{basisLabel(d.legalBasis)}</td>
              <td>{d.boardDecisionRef}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {children}
    </div>
  );
}

function Problem({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="nhsuk-error-summary" role="alert">
      <h3 className="nhsuk-error-summary__title">There is a problem</h3>
      <p>{error instanceof ApiError ? error.message : String(error)}</p>
    </div>
  );
}

function AccountableForm({ clientGroups }: { clientGroups: string[] }) {
  const [fn, setFn] = useState('asc_provision');
  const [group, setGroup] = useState(clientGroups[0] ?? 'older_people');
  const [on, setOn] = useState(today());
  const [answer, setAnswer] = useState<Accountability | null>(null);
  const ask = useMutation({ mutationFn: () => api.accountable({ function: fn, clientGroup: group, on }), onSuccess: setAnswer });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };
  return (
    <section aria-labelledby="accountable-heading">
      <h2 id="accountable-heading">Who was accountable on a day</h2>
      <form onSubmit={submit} noValidate>
        <Field id="acc-function" label="Function">
          <ChoiceSelect id="acc-function" value={fn} onChange={setFn} choices={functions.map((f) => ({ value: f, label: delegatedFunctionLabel(f) }))} />
        </Field>
        <Field id="acc-group" label="Client group">
          <ChoiceSelect id="acc-group" value={group} onChange={setGroup} choices={clientGroups.map((g) => ({ value: g, label: humanise(g) }))} />
        </Field>
        <Field id="acc-on" label="Date">
          <input className="nhsuk-input nhsuk-input--width-10" id="acc-on" type="date" value={on} onChange={(e) => setOn(e.target.value)} />
        </Field>
        <button className="nhsuk-button" type="submit">
          Find who was accountable
        </button>
      </form>
      <Problem error={ask.error} />
      {answer ? (
        <p data-testid="accountable-answer" role="status">
          On {formatDate(answer.on)}, {answer.partner?.name ?? 'no partner'} was accountable for {delegatedFunctionLabel(answer.function).toLowerCase()} ({humanise(answer.clientGroup).toLowerCase()}),{' '}
          {answer.delegation
            ? `under the period from ${formatDate(answer.delegation.validFrom)} (${basisLabel(answer.delegation.legalBasis)}${answer.delegation.boardDecisionRef ? `, ${answer.delegation.boardDecisionRef}` : ''}).`
            : 'by statute: no delegation was in force.'}
        </p>
      ) : null}
    </section>
  );
}

type PartnerOption = { id: string; name: string };

type Choice = { value: string; label: string };

/** A plain select of value/label choices, used by every form of this page. */
function ChoiceSelect({ id, value, onChange, choices }: { id: string; value: string; onChange: (v: string) => void; choices: readonly Choice[] }) {
  return (
    <select className="nhsuk-select" id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

function PartnerSelect({ id, value, onChange, partners }: { id: string; value: string; onChange: (v: string) => void; partners: PartnerOption[] }) {
  return <ChoiceSelect id={id} value={value} onChange={onChange} choices={partners.map((p) => ({ value: p.id, label: p.name }))} />;
}

function BasisSelect({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return <ChoiceSelect id={id} value={value} onChange={onChange} choices={legalBases.map(([c, l]) => ({ value: c, label: l }))} />;
}

function SupersedeForm({ periods, partners }: { periods: Delegation[]; partners: PartnerOption[] }) {
  const client = useQueryClient();
  const [periodId, setPeriodId] = useState(periods[0]?.id ?? '');
  const [action, setAction] = useState<'supersede' | 'end'>('supersede');
  const [toPartnerId, setTo] = useState(partners[0]?.id ?? '');
  const [day, setDay] = useState(today());
  const [legalBasis, setBasis] = useState('section_75');
  const [boardDecisionRef, setRef] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const change = useMutation({
    mutationFn: async () => {
      if (action === 'end') return api.endDelegation(periodId, { validTo: day, reason }).then(() => `The period now ends on ${formatDate(day)}.`);
      const r = await api.supersedeDelegation(periodId, { toPartnerId, validFrom: day, legalBasis: legalBasis as NewDelegationInput['legalBasis'], boardDecisionRef, reason });
      return `The period ended on ${formatDate(r.ended.validTo)}; ${r.started.toPartnerName} holds it from ${formatDate(r.started.validFrom)}.`;
    },
    onSuccess: async (message) => {
      setDone(message);
      await client.invalidateQueries({ queryKey: ['delegations'] });
      await client.invalidateQueries({ queryKey: ['place'] });
    },
  });
  if (periods.length === 0) return null;
  return (
    <section aria-labelledby="supersede-heading">
      <h2 id="supersede-heading">End or supersede an open period</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setDone('');
          change.mutate();
        }}
        noValidate
      >
        <Field id="sup-period" label="Open period">
          <ChoiceSelect
            id="sup-period"
            value={periodId}
            onChange={setPeriodId}
            choices={periods.map((d) => ({
              value: d.id,
              label: `${delegatedFunctionLabel(d.function)}: ${d.toPartnerName} from ${d.validFrom} (${d.clientGroups.map(humanise).join(', ')})`,
            }))}
          />
        </Field>
        <Field id="sup-action" label="Change">
          <select className="nhsuk-select" id="sup-action" value={action} onChange={(e) => setAction(e.target.value as 'supersede' | 'end')}>
            <option value="supersede">Supersede: another partner holds it from a day</option>
            <option value="end">End: the period has a last day</option>
          </select>
        </Field>
        <Field id="sup-day" label={action === 'end' ? 'Last day of the period' : 'First day of the new period'}>
          <input className="nhsuk-input nhsuk-input--width-10" id="sup-day" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        </Field>
        {action === 'supersede' ? (
          <>
            <Field id="sup-to" label="Partner holding it from then">
              <PartnerSelect id="sup-to" value={toPartnerId} onChange={setTo} partners={partners} />
            </Field>
            <Field id="sup-basis" label="Legal basis">
              <BasisSelect id="sup-basis" value={legalBasis} onChange={setBasis} />
            </Field>
            <Field id="sup-ref" label="Board decision reference">
              <input className="nhsuk-input nhsuk-input--width-20" id="sup-ref" value={boardDecisionRef} onChange={(e) => setRef(e.target.value)} />
            </Field>
          </>
        ) : null}
        <Field id="sup-reason" label="Why">
          <input className="nhsuk-input" id="sup-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <button className="nhsuk-button" type="submit">
          {action === 'end' ? 'End the period' : 'Supersede the period'}
        </button>
      </form>
      <Problem error={change.error} />
      {done ? (
        <p role="status" data-testid="delegation-changed">
          {done}
        </p>
      ) : null}
    </section>
  );
}

function RecordForm({ partners, clientGroups }: { partners: PartnerOption[]; clientGroups: string[] }) {
  const client = useQueryClient();
  const [fn, setFn] = useState('community_health_provision');
  const [groups, setGroups] = useState<string[]>([]);
  const [fromPartnerId, setFrom] = useState(partners[0]?.id ?? '');
  const [toPartnerId, setTo] = useState(partners[0]?.id ?? '');
  const [validFrom, setValidFrom] = useState(today());
  const [legalBasis, setBasis] = useState('section_75');
  const [boardDecisionRef, setRef] = useState('');
  const record = useMutation({
    mutationFn: () =>
      api.recordDelegation({
        function: fn as NewDelegationInput['function'],
        clientGroups: groups as NewDelegationInput['clientGroups'],
        fromPartnerId,
        toPartnerId,
        validFrom,
        legalBasis: legalBasis as NewDelegationInput['legalBasis'],
        boardDecisionRef,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['delegations'] }),
  });
  return (
    <section aria-labelledby="record-heading">
      <h2 id="record-heading">Record a new period</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate();
        }}
        noValidate
      >
        <Field id="rec-function" label="Function">
          <select className="nhsuk-select" id="rec-function" value={fn} onChange={(e) => setFn(e.target.value)}>
            {functions.map((f) => (
              <option key={f} value={f}>
                {delegatedFunctionLabel(f)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="nhsuk-fieldset nhsuk-form-group">
          <legend className="nhsuk-fieldset__legend">Client groups</legend>
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
            {clientGroups.map((g) => (
              <div className="nhsuk-checkboxes__item" key={g}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={`rec-group-${g}`}
                  type="checkbox"
                  checked={groups.includes(g)}
                  onChange={(e) => setGroups(e.target.checked ? [...groups, g] : groups.filter((x) => x !== g))}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`rec-group-${g}`}>
                  {humanise(g)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <Field id="rec-from" label="Partner delegating">
          <PartnerSelect id="rec-from" value={fromPartnerId} onChange={setFrom} partners={partners} />
        </Field>
        <Field id="rec-to" label="Partner holding it">
          <PartnerSelect id="rec-to" value={toPartnerId} onChange={setTo} partners={partners} />
        </Field>
        <Field id="rec-valid-from" label="First day">
          <input className="nhsuk-input nhsuk-input--width-10" id="rec-valid-from" type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        </Field>
        <Field id="rec-basis" label="Legal basis">
          <BasisSelect id="rec-basis" value={legalBasis} onChange={setBasis} />
        </Field>
        <Field id="rec-ref" label="Board decision reference">
          <input className="nhsuk-input nhsuk-input--width-20" id="rec-ref" value={boardDecisionRef} onChange={(e) => setRef(e.target.value)} />
        </Field>
        <button className="nhsuk-button" type="submit">
          Record the period
        </button>
      </form>
      <Problem error={record.error} />
      {record.isSuccess ? <p role="status">The period is recorded.</p> : null}
    </section>
  );
}

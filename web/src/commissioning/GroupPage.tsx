import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../api';
import { FormErrorSummary, FormField, Loading, ProblemMessage, usePageTitle, type FormProblem } from '../components/common';
import { formatDate, formatPounds, humanise } from '../format';
import { useSession } from '../session';
import { groupsApi, type DecisionBody, type Group } from './groupsApi';

const fields: { key: keyof DecisionBody; id: string; label: string; type?: string }[] = [
  { key: 'decidedOn', id: 'decision-date', label: 'Date of the decision', type: 'date' },
  { key: 'reference', id: 'decision-reference', label: 'Reference' },
  { key: 'title', id: 'decision-title', label: 'Title' },
  { key: 'text', id: 'decision-text', label: 'What was decided' },
];

function DecisionForm({ group }: { group: Group }) {
  const client = useQueryClient();
  const empty: DecisionBody = { decidedOn: '', reference: '', title: '', text: '' };
  const [draft, setDraft] = useState<DecisionBody>(empty);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState('');
  const record = useMutation({
    mutationFn: () => groupsApi.recordDecision(group.id, draft),
    onSuccess: () => {
      setDone(`Decision ${draft.reference} recorded.`);
      setDraft(empty);
      setProblems([]);
      void client.invalidateQueries({ queryKey: ['commissioning', 'groups'] });
    },
    onError: (e) => {
      const byField = e instanceof ApiError ? e.details : [];
      const idOf = (f: string) => fields.find((x) => x.key === f)?.id;
      setProblems(byField.length ? byField.map((d) => ({ href: idOf(d.field) ? `#${idOf(d.field)}` : undefined, text: `${d.field}: ${d.problem}` })) : [{ text: e.message }]);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    setDone('');
    const p: FormProblem[] = fields.filter((f) => !draft[f.key].trim()).map((f) => ({ href: `#${f.id}`, text: `Give the ${f.label.toLowerCase()}` }));
    setProblems(p);
    if (p.length === 0) record.mutate();
  };
  const errorOf = (id: string) => problems.find((p) => p.href === `#${id}`)?.text;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="decision-form-title">
      <h2 id="decision-form-title">Record a decision</h2>
      <FormErrorSummary problems={problems} attempt={attempt} />
      {fields.map((f) => (
        <FormField key={f.id} id={f.id} label={f.label} error={errorOf(f.id)}>
          {f.key === 'text' ? (
            <textarea className="nhsuk-textarea" id={f.id} rows={4} value={draft[f.key]} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />
          ) : (
            <input className="nhsuk-input" id={f.id} type={f.type ?? 'text'} value={draft[f.key]} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />
          )}
        </FormField>
      ))}
      <button className="nhsuk-button" type="submit" disabled={record.isPending}>
        Record decision
      </button>
      {done ? <p role="status">{done}</p> : null}
    </form>
  );
}

/** One commissioning group: members, budget lines with this year's spend, decisions. */
export function GroupPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const group = useQuery({ queryKey: ['commissioning', 'groups', id], queryFn: () => groupsApi.one(id) });
  usePageTitle(group.data?.name ?? 'Commissioning group');
  if (group.isPending) return <Loading what="the commissioning group" />;
  if (group.isError) return <ProblemMessage error={group.error} />;
  const g = group.data;
  return (
    <>
      <h1>{g.name}</h1>
      <p>
        {g.kind === 'joint_board' ? 'Joint commissioning board' : 'Commissioning group'} for {g.clientGroups.map(humanise).join(', ')}, led by {g.leadPartner?.name ?? 'no partner'}, since {formatDate(g.validFrom)}
        {g.validTo ? ` until ${formatDate(g.validTo)}` : ''}.
      </p>
      <table className="nhsuk-table" data-testid="group-members">
        <caption className="nhsuk-table__caption">Members</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Basis</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {g.members.map((m) => (
            <tr key={m.id}>
              <td>{m.name}</td>
              <td>{humanise(m.role)}</td>
              <td>{humanise(m.basis)}</td>
              <td>{formatDate(m.fromOn)}</td>
              <td>{m.toOn ? formatDate(m.toOn) : 'Current'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="nhsuk-table" data-testid="group-budget-lines">
        <caption className="nhsuk-table__caption">Budget lines held: spend in {g.budget.financialYear} to {formatDate(g.budget.to)}</caption>
        <thead>
          <tr>
            <th scope="col">Budget line</th>
            <th scope="col">Service area</th>
            <th scope="col" className="nhsuk-table__header--numeric">Spent</th>
          </tr>
        </thead>
        <tbody>
          {g.budget.lines.map((l) => (
            <tr key={l.code}>
              <td>{l.code}</td>
              <td>{l.serviceAreaLabel}</td>
              <td className="nhsuk-table__cell--numeric">{formatPounds(l.spentPence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="nhsuk-table" data-testid="group-decisions">
        <caption className="nhsuk-table__caption">Decisions</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Reference</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {g.decisions.map((d) => (
            <tr key={d.id}>
              <td>{formatDate(d.decidedOn)}</td>
              <td>{d.reference}</td>
              <td>
                <strong>{d.title}</strong>
                <br />
                {d.text}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {user.role === 'commissioner' ? <DecisionForm group={g} /> : null}
    </>
  );
}

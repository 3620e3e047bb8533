import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { FormErrorSummary, Loading, ProblemMessage, type FormProblem } from '../components/common';
import { formatDate } from '../format';
import { glApi, type GlMappingBody } from './glApi';

const fields: { key: keyof GlMappingBody; id: string; label: string; hint?: string; type?: string }[] = [
  { key: 'costCentre', id: 'map-cost-centre', label: 'Cost centre' },
  { key: 'subjective', id: 'map-subjective', label: 'Subjective code' },
  { key: 'budgetLineCode', id: 'map-budget-line', label: 'Budget line', hint: 'BL/<service area>/<client group>/<zone code or ALL>, e.g. BL/home_care/older_people/ALL' },
  { key: 'validFrom', id: 'map-valid-from', label: 'From', hint: 'The first day the mapping holds', type: 'date' },
];

/** The mappings of partners' cost centre × subjective codes to the pool's budget lines, with a form to add one. */
export function GlMappingsSection({ partners, may }: { partners: { id: string; name: string }[]; may: boolean }) {
  const client = useQueryClient();
  const mappings = useQuery({ queryKey: ['gl', 'mappings'], queryFn: () => glApi.mappings() });
  const empty: GlMappingBody = { partnerId: '', costCentre: '', subjective: '', budgetLineCode: '', validFrom: '' };
  const [draft, setDraft] = useState<GlMappingBody>(empty);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState('');
  const add = useMutation({
    mutationFn: () => glApi.addMapping(draft),
    onSuccess: (m) => {
      setDone(`Mapped ${m.partnerName} ${m.costCentre} / ${m.subjective} to ${m.budgetLineCode} from ${formatDate(m.validFrom)}.`);
      setDraft(empty);
      setProblems([]);
      void client.invalidateQueries({ queryKey: ['gl'] });
    },
    onError: (e) => {
      const byField = e instanceof ApiError ? e.details : [];
      const idOf = (f: string) => (f === 'partnerId' ? 'map-partner' : fields.find((x) => x.key === f)?.id);
      setProblems(byField.length ? byField.map((d) => ({ href: idOf(d.field) ? `#${idOf(d.field)}` : undefined, text: `${d.field}: ${d.problem}` })) : [{ text: e.message }]);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    setDone('');
    const p: FormProblem[] = [];
    if (!draft.partnerId) p.push({ href: '#map-partner', text: 'Choose the partner' });
    for (const f of fields) if (!String(draft[f.key] ?? '').trim()) p.push({ href: `#${f.id}`, text: `Give the ${f.label.toLowerCase()}` });
    setProblems(p);
    if (p.length === 0) add.mutate();
  };
  return (
    <section aria-labelledby="gl-mappings-title">
      <h2 id="gl-mappings-title">Mappings</h2>
      {mappings.isPending ? <Loading what="the mappings" /> : null}
      {mappings.isError ? <ProblemMessage error={mappings.error} /> : null}
      {mappings.data ? (
        <table className="nhsuk-table" data-testid="gl-mappings">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Cost centre and subjective codes mapped to budget lines</caption>
          <thead>
            <tr>
              <th scope="col">Partner</th>
              <th scope="col">Cost centre</th>
              <th scope="col">Subjective</th>
              <th scope="col">Budget line</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
            </tr>
          </thead>
          <tbody>
            {mappings.data.mappings.map((m) => (
              <tr key={m.id}>
                <td>{m.partnerName}</td>
                <td>{m.costCentre}</td>
                <td>{m.subjective}</td>
                <td>{m.budgetLineCode}</td>
                <td>{formatDate(m.validFrom)}</td>
                <td>{m.validTo ? formatDate(m.validTo) : 'open'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {done ? (
        <p role="status" data-testid="gl-mapping-added">
          {done}
        </p>
      ) : null}
      {may ? (
        <form onSubmit={submit} noValidate aria-labelledby="gl-add-mapping-title">
          <h3 id="gl-add-mapping-title">Add a mapping</h3>
          <FormErrorSummary problems={problems} attempt={attempt} />
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="map-partner">
              Partner
            </label>
            <select className="nhsuk-select" id="map-partner" value={draft.partnerId} onChange={(e) => setDraft({ ...draft, partnerId: e.target.value })}>
              <option value="">Choose a partner</option>
              {partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          {fields.map((f) => (
            <div className="nhsuk-form-group" key={f.id}>
              <label className="nhsuk-label" htmlFor={f.id}>
                {f.label}
              </label>
              {f.hint ? (
                <div className="nhsuk-hint" id={`${f.id}-hint`}>
                  {f.hint}
                </div>
              ) : null}
              <input
                className="nhsuk-input nhsuk-input--width-20"
                id={f.id}
                type={f.type ?? 'text'}
                aria-describedby={f.hint ? `${f.id}-hint` : undefined}
                value={String(draft[f.key] ?? '')}
                onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
              />
            </div>
          ))}
          <button className="nhsuk-button" type="submit" disabled={add.isPending}>
            Add the mapping
          </button>
        </form>
      ) : null}
    </section>
  );
}

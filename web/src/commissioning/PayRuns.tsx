import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { request } from '../api';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { useSession } from '../session';
import { paysProviders, payRunsApi, pounds } from './payRunsApi';

type Place = { partners: { id: string; name: string; kind: string }[] };

/** Pay runs: the list, newest first, and (for those who pay) the form that drafts one. */
export function PayRunsPage() {
  usePageTitle('Pay runs');
  const { user } = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const runs = useQuery({ queryKey: ['pay-runs'], queryFn: payRunsApi.list });
  const place = useQuery({ queryKey: ['place'], queryFn: () => request<Place>('/api/place') });
  const [cadence, setCadence] = useState('four_weekly');
  const [periodTo, setPeriodTo] = useState('');
  const [payer, setPayer] = useState('');
  const draft = useMutation({
    mutationFn: payRunsApi.draft,
    onSuccess: async (run) => {
      await client.invalidateQueries({ queryKey: ['pay-runs'] });
      navigate(`/commissioning/pay-runs/${run.id}`);
    },
  });
  if (runs.isPending) return <Loading what="the pay runs" />;
  if (runs.isError) return <ProblemMessage error={runs.error} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    draft.mutate({ cadence, periodTo, payingPartnerId: payer });
  };
  return (
    <>
      <h1>Pay runs</h1>
      {paysProviders(user.role) ? (
        <form onSubmit={submit} noValidate>
          <h2>Draft a pay run</h2>
          {draft.isError ? <ProblemMessage error={draft.error} heading="The pay run was not drafted" /> : null}
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="cadence">Cadence</label>
            <select className="nhsuk-select" id="cadence" value={cadence} onChange={(e) => setCadence(e.target.value)}>
              <option value="four_weekly">Four-weekly</option>
              <option value="weekly">Weekly</option>
            </select>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="period-to">Pay lines with periods ending on or before</label>
            <div className="nhsuk-hint" id="period-to-hint">A date, for example 2026-10-25</div>
            <input className="nhsuk-input nhsuk-input--width-10" id="period-to" type="date" aria-describedby="period-to-hint" value={periodTo} onChange={(e) => setPeriodTo(e.target.value)} />
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="payer">Paying partner (whose finance system pays)</label>
            <select className="nhsuk-select" id="payer" value={payer} onChange={(e) => setPayer(e.target.value)}>
              <option value="">Choose a partner</option>
              {(place.data?.partners ?? []).filter((p) => p.kind !== 'gp_practice').map((p) => (
                <option key={p.id} value={p.id}>{p.name}</option>
              ))}
            </select>
          </div>
          <button className="nhsuk-button" type="submit" disabled={draft.isPending}>Draft pay run</button>
        </form>
      ) : null}
      <table className="nhsuk-table" data-testid="pay-runs-table">
        <caption className="nhsuk-table__caption">Pay runs, newest first</caption>
        <thead className="nhsuk-table__head">
          <tr><th scope="col">Period</th><th scope="col">Cadence</th><th scope="col">Paying partner</th><th scope="col">Status</th><th scope="col" className="nhsuk-table__header--numeric">Total</th></tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {runs.data.payRuns.map((r) => (
            <tr key={r.id}>
              <td><Link to={`/commissioning/pay-runs/${r.id}`}>{r.periodFrom} to {r.periodTo}</Link></td>
              <td>{r.cadence === 'weekly' ? 'Weekly' : 'Four-weekly'}</td>
              <td>{r.payingPartner.name}</td>
              <td>{r.status}</td>
              <td className="nhsuk-table__cell--numeric">{pounds(r.totalPence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.data.payRuns.length === 0 ? <p>No pay runs yet.</p> : null}
    </>
  );
}

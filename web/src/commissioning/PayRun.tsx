import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError, request } from '../api';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { useSession } from '../session';
import { paysProviders, payRunsApi, pounds } from './payRunsApi';

/** One pay run: its payees and budget lines, and the next steps the signed-in user may take. */
export function PayRunPage() {
  const { id = '' } = useParams();
  usePageTitle('Pay run');
  const { user } = useSession();
  const client = useQueryClient();
  const run = useQuery({ queryKey: ['pay-run', id], queryFn: () => payRunsApi.one(id) });
  const step = useMutation({
    mutationFn: (s: 'approve' | 'post' | 'cancel') => payRunsApi.act(id, s),
    onSuccess: (r) => client.setQueryData(['pay-run', id], r),
  });
  const exportFile = useMutation({
    mutationFn: async () => {
      const { csrfToken } = await request<{ csrfToken: string }>('/api/session');
      const res = await fetch(`/api/commissioning/pay-runs/${id}/export`, { method: 'POST', credentials: 'include', headers: { accept: 'text/csv', 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: '{}' });
      if (!res.ok) throw new ApiError(res.status, String(res.status), ((await res.json().catch(() => ({}))) as { message?: string }).message ?? `The export failed (${res.status}).`);
      const csv = await res.text();
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `pay-run-${id}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['pay-run', id] }),
  });
  if (run.isPending) return <Loading what="the pay run" />;
  if (run.isError) return <ProblemMessage error={run.error} />;
  const r = run.data;
  const pays = paysProviders(user.role);
  return (
    <>
      <h1>Pay run {r.periodFrom} to {r.periodTo}</h1>
      <p data-testid="pay-run-status">
        Status: <strong>{r.status}</strong>. Paid by {r.payingPartner.name}. Total {pounds(r.totalPence)} for {r.lines} line{r.lines === 1 ? '' : 's'}.
        {r.postedOn ? ` Posted to the pooled ledger on ${r.postedOn}.` : ''}
      </p>
      {step.isError ? <ProblemMessage error={step.error} heading="That step was refused" /> : null}
      {exportFile.isError ? <ProblemMessage error={exportFile.error} heading="The export was refused" /> : null}
      {r.status === 'draft' && pays && !r.mayApprove && r.approveRefusal ? (
        <div className="nhsuk-inset-text" data-testid="approve-refusal"><p>{r.approveRefusal}</p></div>
      ) : null}
      <div className="nhsuk-button-group">
        {r.status === 'draft' && pays && r.mayApprove ? <button className="nhsuk-button" onClick={() => step.mutate('approve')}>Approve pay run</button> : null}
        {['approved', 'exported', 'posted'].includes(r.status) && pays ? <button className="nhsuk-button nhsuk-button--secondary" onClick={() => exportFile.mutate()}>Export for payment (CSV)</button> : null}
        {['approved', 'exported'].includes(r.status) && pays ? <button className="nhsuk-button" onClick={() => step.mutate('post')}>Post to the pooled ledger</button> : null}
        {['draft', 'approved'].includes(r.status) && pays ? <button className="nhsuk-button nhsuk-button--warning" onClick={() => step.mutate('cancel')}>Cancel pay run</button> : null}
      </div>
      <table className="nhsuk-table" data-testid="payees-table">
        <caption className="nhsuk-table__caption">Payees</caption>
        <thead className="nhsuk-table__head"><tr><th scope="col">Payee</th><th scope="col" className="nhsuk-table__header--numeric">Lines</th><th scope="col" className="nhsuk-table__header--numeric">Total</th><th scope="col">Remittance</th></tr></thead>
        <tbody className="nhsuk-table__body">
          {r.payees.map((p) => (
            <tr key={p.providerPartnerId ?? 'dp'}>
              <td>{p.name}</td>
              <td className="nhsuk-table__cell--numeric">{p.lines}</td>
              <td className="nhsuk-table__cell--numeric">{pounds(p.totalPence)}</td>
              <td>{p.providerPartnerId ? <Link to={`/commissioning/pay-runs/${r.id}/remittances/${p.providerPartnerId}`}>Remittance</Link> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="nhsuk-table" data-testid="budget-lines-table">
        <caption className="nhsuk-table__caption">Totals by budget line</caption>
        <thead className="nhsuk-table__head"><tr><th scope="col">Budget line</th><th scope="col" className="nhsuk-table__header--numeric">Lines</th><th scope="col" className="nhsuk-table__header--numeric">Total</th></tr></thead>
        <tbody className="nhsuk-table__body">
          {r.budgetLines.map((l) => (
            <tr key={l.code}><td>{l.name}</td><td className="nhsuk-table__cell--numeric">{l.lines}</td><td className="nhsuk-table__cell--numeric">{pounds(l.totalPence)}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

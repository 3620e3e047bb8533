import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { payRunsApi, pounds } from './payRunsApi';

/** A provider's remittance advice in a pay run, with its CSV and PDF. */
export function PayRunRemittancePage() {
  const { id = '', providerId = '' } = useParams();
  usePageTitle('Remittance advice');
  const q = useQuery({ queryKey: ['remittance', id, providerId], queryFn: () => payRunsApi.remittance(id, providerId) });
  if (q.isPending) return <Loading what="the remittance" />;
  if (q.isError) return <ProblemMessage error={q.error} />;
  const r = q.data;
  const base = `/api/commissioning/pay-runs/${id}/remittances/${providerId}`;
  return (
    <>
      <h1>Remittance advice: {r.provider.name}</h1>
      <p>Reference {r.remittanceReference}. Paid by {r.payingPartner.name}{r.paidOn ? ` on ${r.paidOn}` : ' (not yet paid)'} into {r.provider.bankAccountName ?? 'an account not held'} {r.provider.bankAccountMasked ?? ''}.</p>
      <p><a href={`${base}/csv`} download>Download CSV</a> · <a href={`${base}/pdf`} download data-testid="remittance-pdf">Download PDF</a></p>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">Lines paid: {pounds(r.totalPence)}</caption>
        <thead className="nhsuk-table__head"><tr><th scope="col">Invoice and line</th><th scope="col">Package reference</th><th scope="col">Period</th><th scope="col" className="nhsuk-table__header--numeric">Amount</th></tr></thead>
        <tbody className="nhsuk-table__body">
          {r.lines.map((l) => (
            <tr key={`${l.invoiceReference}/${l.lineNo}`}><td>{l.invoiceReference} / {l.lineNo}</td><td>{l.packageReference}</td><td>{l.periodFrom} to {l.periodTo}</td><td className="nhsuk-table__cell--numeric">{pounds(l.amountPence)}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

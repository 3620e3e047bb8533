import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { portalRemittanceListSchema } from '../../../src/commissioning/pay-run-api-schemas';
import { request } from '../api';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { pounds } from '../commissioning/payRunsApi';

type List = z.output<typeof portalRemittanceListSchema>;

/** The provider portal: your provider's remittance advices, each with its CSV and PDF. */
export function PortalRemittancesPage() {
  usePageTitle('Remittances');
  const q = useQuery({ queryKey: ['portal-remittances'], queryFn: () => request<List>('/api/portal/remittances') });
  if (q.isPending) return <Loading what="your remittances" />;
  if (q.isError) return <ProblemMessage error={q.error} />;
  return (
    <>
      <h1>Remittances: {q.data.provider.name}</h1>
      <table className="nhsuk-table" data-testid="portal-remittances">
        <caption className="nhsuk-table__caption">What the care trust has paid you, newest first</caption>
        <thead className="nhsuk-table__head"><tr><th scope="col">Reference</th><th scope="col">Paid on</th><th scope="col">Period</th><th scope="col" className="nhsuk-table__header--numeric">Amount</th><th scope="col">Files</th></tr></thead>
        <tbody className="nhsuk-table__body">
          {q.data.remittances.map((r) => (
            <tr key={r.payRunId}>
              <td>{r.remittanceReference}</td>
              <td>{r.paidOn}</td>
              <td>{r.periodFrom} to {r.periodTo}</td>
              <td className="nhsuk-table__cell--numeric">{pounds(r.totalPence)}</td>
              <td><a href={`/api/portal/remittances/${r.payRunId}/csv`} download>CSV</a> · <a href={`/api/portal/remittances/${r.payRunId}/pdf`} download>PDF</a></td>
            </tr>
          ))}
        </tbody>
      </table>
      {q.data.remittances.length === 0 ? <p>No remittances yet: one appears here when a pay run that pays you is posted.</p> : null}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { formatDate, formatPounds } from '../format';
import { holdReasonWords, invoicesApi } from '../commissioning/invoicesApi';

/** The provider's own invoices, each line's status and hold reason. */
export function PortalInvoicesPage() {
  usePageTitle('Your invoices');
  const list = useQuery({ queryKey: ['portal', 'invoices'], queryFn: () => invoicesApi.own() });
  if (list.isPending) return <Loading what="your invoices" />;
  if (list.isError) return <ProblemMessage error={list.error} />;
  return (
    <>
      <h1>Your invoices</h1>
      {list.data.invoices.length === 0 ? <p>You have not sent an invoice yet.</p> : list.data.invoices.map((i) => <OwnInvoice key={i.id} id={i.id} />)}
    </>
  );
}

function OwnInvoice({ id }: { id: string }) {
  const inv = useQuery({ queryKey: ['portal', 'invoices', id], queryFn: () => invoicesApi.ownInvoice(id) });
  if (inv.isPending) return <Loading what="the invoice" />;
  if (inv.isError) return <ProblemMessage error={inv.error} />;
  const i = inv.data;
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption">
        Invoice {i.reference}, {formatDate(i.periodFrom)} to {formatDate(i.periodTo)}: {formatPounds(i.totalPence)}
      </caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Service line</th>
          <th scope="col">Period</th>
          <th scope="col">Amount</th>
          <th scope="col">Status</th>
          <th scope="col">Why held</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {i.invoiceLines.map((l) => (
          <tr key={l.id}>
            <td>{l.lineNo}</td>
            <td>{l.lineReference}</td>
            <td>
              {formatDate(l.periodFrom)} to {formatDate(l.periodTo)}
            </td>
            <td>{formatPounds(l.amountPence)}</td>
            <td>{l.status}</td>
            <td>{l.holdReason ? `${holdReasonWords[l.holdReason] ?? l.holdReason}: ${l.holdDetail ?? ''}` : (l.disputeNote ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

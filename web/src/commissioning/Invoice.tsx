import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { formatDate, formatPounds } from '../format';
import { useSession } from '../session';
import { holdReasonWords, invoicesApi, paysInvoices, type InvoiceLine } from './invoicesApi';

/** One invoice: each line's planned, delivered and invoiced figures, status and hold reason, with approve, release and dispute. */
export function InvoicePage() {
  const { id = '' } = useParams();
  usePageTitle('Invoice');
  const { user } = useSession();
  const inv = useQuery({ queryKey: ['invoices', 'one', id], queryFn: () => invoicesApi.invoice(id) });
  if (inv.isPending) return <Loading what="the invoice" />;
  if (inv.isError) return <ProblemMessage error={inv.error} />;
  const i = inv.data;
  return (
    <>
      <h1>Invoice {i.reference}</h1>
      <p>
        {i.providerName}, {formatDate(i.periodFrom)} to {formatDate(i.periodTo)}: {formatPounds(i.totalPence)}
      </p>
      {i.invoiceLines.map((l) => (
        <LineCard key={l.id} line={l} may={paysInvoices(user.role)} />
      ))}
    </>
  );
}

function LineCard({ line: l, may }: { line: InvoiceLine; may: boolean }) {
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const act = useMutation({
    mutationFn: (what: 'approve' | 'release' | 'dispute') =>
      what === 'approve' ? invoicesApi.approve(l.id, l.version) : what === 'release' ? invoicesApi.release(l.id, l.version, note) : invoicesApi.dispute(l.id, l.version, note),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['invoices'] }),
  });
  return (
    <section className="nhsuk-card" aria-label={`Line ${l.lineNo}`}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">
          Line {l.lineNo}: {l.status}
          {l.holdReason ? ` (${holdReasonWords[l.holdReason] ?? l.holdReason})` : ''}
        </h2>
        {l.holdDetail && <p>{l.holdDetail}</p>}
        {l.disputeNote && <p>Disputed: {l.disputeNote}</p>}
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Line {l.lineNo} figures</caption>
          <tbody className="nhsuk-table__body">
            <tr><th scope="row">Package (service line)</th><td>{l.lineReference}</td></tr>
            <tr><th scope="row">Period</th><td>{formatDate(l.periodFrom)} to {formatDate(l.periodTo)}</td></tr>
            <tr><th scope="row">Planned</th><td>{l.planned ?? '—'} {l.unit}</td></tr>
            <tr><th scope="row">Delivered</th><td>{l.delivered ?? '—'} {l.unit}</td></tr>
            <tr><th scope="row">Invoiced</th><td>{l.quantity} {l.unit} at {formatPounds(l.ratePence)} = {formatPounds(l.amountPence)}</td></tr>
            <tr><th scope="row">Contract rate</th><td>{l.contractRatePence === null ? '—' : formatPounds(l.contractRatePence)}</td></tr>
            <tr><th scope="row">Budget line</th><td>{l.budgetLineCode ?? '—'}</td></tr>
          </tbody>
        </table>
        {act.isError && <ProblemMessage error={act.error} />}
        {may && (l.status === 'matched' || l.status === 'held') && (
          <>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor={`note-${l.id}`}>
                Reason (to release or dispute)
              </label>
              <input className="nhsuk-input" id={`note-${l.id}`} value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
            <div className="nhsuk-button-group">
              {l.status === 'matched' && (
                <button className="nhsuk-button" type="button" onClick={() => act.mutate('approve')}>
                  Approve line {l.lineNo}
                </button>
              )}
              {l.status === 'held' && (
                <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => act.mutate('release')}>
                  Release line {l.lineNo}
                </button>
              )}
              <button className="nhsuk-button nhsuk-button--warning" type="button" onClick={() => act.mutate('dispute')}>
                Dispute line {l.lineNo}
              </button>
            </div>
          </>
        )}
      </div>
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { formatDate, formatPounds } from '../format';
import { invoicesApi } from './invoicesApi';

/** Finance's work queue: providers' invoices, filtered by a line's status. */
export function InvoiceQueuePage() {
  usePageTitle('Invoices');
  const [status, setStatus] = useState('held');
  const list = useQuery({ queryKey: ['invoices', status], queryFn: () => invoicesApi.queue(status) });
  return (
    <>
      <h1>Invoices</h1>
      <p>Each invoice line is matched to its service line on arrival. Release a held line with a reason before approving it; dispute a line the provider should correct.</p>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="invoice-status">
          Show invoices with a line that is
        </label>
        <select className="nhsuk-select" id="invoice-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">any status</option>
          <option value="held">held</option>
          <option value="matched">matched</option>
          <option value="disputed">disputed</option>
          <option value="approved">approved</option>
        </select>
      </div>
      {list.isPending ? (
        <Loading what="the invoices" />
      ) : list.isError ? (
        <ProblemMessage error={list.error} />
      ) : list.data.invoices.length === 0 ? (
        <p>No invoices have a line of this status.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">Invoices, newest first</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Provider</th>
              <th scope="col">Period</th>
              <th scope="col">Total</th>
              <th scope="col">Matched</th>
              <th scope="col">Held</th>
              <th scope="col">Disputed</th>
              <th scope="col">Approved</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {list.data.invoices.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/commissioning/invoices/${i.id}`}>{i.reference}</Link>
                </td>
                <td>{i.providerName}</td>
                <td>
                  {formatDate(i.periodFrom)} to {formatDate(i.periodTo)}
                </td>
                <td>{formatPounds(i.totalPence)}</td>
                <td>{i.counts.matched}</td>
                <td>{i.counts.held}</td>
                <td>{i.counts.disputed}</td>
                <td>{i.counts.approved}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

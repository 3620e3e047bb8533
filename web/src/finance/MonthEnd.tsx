import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { request } from '../api';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { formatDateTime } from '../format';
import { useSession } from '../session';
import type { journalSchema, monthsSchema, reversalSchema, trialBalanceSchema } from '../../../src/finance/ledger-api-schemas';
import { managesPool } from './roles';

type Months = z.output<typeof monthsSchema>;
type TrialBalance = z.output<typeof trialBalanceSchema>;
type Journal = z.output<typeof journalSchema>;
type Reversal = z.output<typeof reversalSchema>;


/** £1,234.56 and −£1,234.56 from whole pence. */
function pounds(p: number): string {
  const abs = Math.abs(p);
  return `${p < 0 ? '−' : ''}£${Math.floor(abs / 100).toLocaleString('en-GB')}.${String(abs % 100).padStart(2, '0')}`;
}

/** The month-end close: the year's months, the trial balance, and one journal with its reversal. */
export function MonthEndPage() {
  usePageTitle('Month-end close');
  const { user } = useSession();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const months = useQuery({ queryKey: ['ledger-months'], queryFn: () => request<Months>('/api/finance/ledger/months') });
  const tb = useQuery({ queryKey: ['ledger-trial-balance'], queryFn: () => request<TrialBalance>('/api/finance/ledger/trial-balance') });
  const close = useMutation({
    mutationFn: (month: string) => request(`/api/finance/ledger/months/${month}/close`, { method: 'POST', body: {} }),
    onSuccess: async (_, month) => {
      setConfirming(null);
      setDone(`${month} is closed. Nothing more can be posted dated in it.`);
      await client.invalidateQueries({ queryKey: ['ledger-months'] });
    },
  });
  if (months.isPending || tb.isPending) return <Loading what="the ledger" />;
  if (months.isError) return <ProblemMessage error={months.error} />;
  if (tb.isError) return <ProblemMessage error={tb.error} />;
  const role: string = user.role;
  const manager = managesPool(role);
  const m = months.data;
  return (
    <>
      <h1>Month-end close</h1>
      <p>
        Months close in order and are never reopened: a correction is a reversal posted in an open month.
        {m.nextToClose ? ` The next month to close is ${m.nextToClose}.` : ''}
      </p>
      {done ? (
        <p role="status" data-testid="month-closed">
          {done}
        </p>
      ) : null}
      {close.isError ? <ProblemMessage error={close.error} heading="The month was not closed" /> : null}
      <table className="nhsuk-table" data-testid="months-table">
        <caption className="nhsuk-table__caption">Months of {m.financialYear}</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Status</th>
            <th scope="col">Journals</th>
            <th scope="col">Debits</th>
            <th scope="col">Held GL lines</th>
            <th scope="col">Closed</th>
            {manager ? <th scope="col">Action</th> : null}
          </tr>
        </thead>
        <tbody>
          {m.months.map((row) => (
            <tr key={row.month}>
              <th scope="row">{row.month}</th>
              <td>{row.status}</td>
              <td>{row.journals}</td>
              <td>{pounds(row.entriesTotalPence)}</td>
              <td>{row.heldGlLines}</td>
              <td>{row.closedAt ? formatDateTime(row.closedAt) : ''}</td>
              {manager ? (
                <td>
                  {row.status === 'open' && confirming !== row.month ? (
                    <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="button" onClick={() => setConfirming(row.month)}>
                      Close {row.month}
                    </button>
                  ) : null}
                  {confirming === row.month ? (
                    <>
                      <button className="nhsuk-button nhsuk-button--warning nhsuk-u-margin-bottom-0" type="button" disabled={close.isPending} onClick={() => close.mutate(row.month)}>
                        Yes, close {row.month} for good
                      </button>{' '}
                      <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="button" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <TrialBalanceTable tb={tb.data} />
      <JournalView canReverse={manager || role === 'finance_officer'} />
    </>
  );
}

function TrialBalanceTable({ tb }: { tb: TrialBalance }) {
  return (
    <table className="nhsuk-table" data-testid="trial-balance">
      <caption className="nhsuk-table__caption">Trial balance</caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Name</th>
          <th scope="col">Debits</th>
          <th scope="col">Credits</th>
          <th scope="col">Balance</th>
        </tr>
      </thead>
      <tbody>
        {tb.accounts.map((a) => (
          <tr key={a.code}>
            <th scope="row">{a.code}</th>
            <td>{a.name}</td>
            <td>{pounds(a.debitPence)}</td>
            <td>{pounds(a.creditPence)}</td>
            <td>{pounds(a.balancePence)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Total
          </th>
          <td>{pounds(tb.totals.debitPence)}</td>
          <td>{pounds(tb.totals.creditPence)}</td>
          <td>{pounds(tb.totals.balancePence)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function JournalView({ canReverse }: { canReverse: boolean }) {
  const client = useQueryClient();
  const [id, setId] = useState('');
  const [shown, setShown] = useState('');
  const [reason, setReason] = useState('');
  const journal = useQuery({ queryKey: ['ledger-journal', shown], queryFn: () => request<Journal>(`/api/finance/ledger/journals/${shown}`), enabled: shown !== '' });
  const reverse = useMutation({
    mutationFn: () => request<Reversal>(`/api/finance/ledger/journals/${shown}/reversal`, { method: 'POST', body: { reason } }),
    onSuccess: async () => {
      setReason('');
      await client.invalidateQueries();
    },
  });
  const j = journal.data;
  return (
    <section aria-labelledby="journal-heading">
      <h2 id="journal-heading">A journal</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setShown(id.trim());
        }}
      >
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="journal-id">
            Journal id
          </label>
          <input className="nhsuk-input nhsuk-input--width-30" id="journal-id" value={id} onChange={(e) => setId(e.target.value)} />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Show the journal
        </button>
      </form>
      {journal.isError ? <ProblemMessage error={journal.error} /> : null}
      {j ? (
        <div data-testid="journal">
          <p>
            {j.postedOn}: {j.description} ({j.sourceKind}){j.reason ? `. Reason: ${j.reason}` : ''}
          </p>
          {j.reversesJournalId ? <p>This journal reverses journal {j.reversesJournalId}.</p> : null}
          {j.reversedByJournalId ? <p data-testid="reversed-by">Reversed by journal {j.reversedByJournalId}.</p> : null}
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">Entries</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Amount (debit positive)</th>
                <th scope="col">Memo</th>
              </tr>
            </thead>
            <tbody>
              {j.entries.map((e) => (
                <tr key={e.entryId}>
                  <th scope="row">{e.accountCode}</th>
                  <td>{pounds(e.amountPence)}</td>
                  <td>{e.memo ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canReverse && !j.reversesJournalId && !j.reversedByJournalId ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                reverse.mutate();
              }}
            >
              {reverse.isError ? <ProblemMessage error={reverse.error} heading="The journal was not reversed" /> : null}
              <div className="nhsuk-form-group">
                <label className="nhsuk-label" htmlFor="reversal-reason">
                  Reason for the reversal
                </label>
                <input className="nhsuk-input" id="reversal-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
              </div>
              <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={reverse.isPending}>
                Reverse this journal
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

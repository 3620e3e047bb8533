import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { FormErrorSummary, Loading, ProblemMessage, usePageTitle, type FormProblem } from '../components/common';
import { formatDate, formatDateTime, formatPounds } from '../format';
import { useSession } from '../session';
import { GlMappingsSection } from './GlMappings';
import { glApi, type GlHeld, type GlImportResult } from './glApi';
import { postsToPool } from './roles';

/**
 * Actuals from the partners' own ledgers: upload a GL CSV, see what posted, what is held (and why)
 * and which rows were rejected; the history of imports; held lines and their release; the mappings.
 */
export function GlImportPage() {
  usePageTitle('General ledger import');
  const { user } = useSession();
  const may = postsToPool(user.role);
  const place = useQuery({ queryKey: ['place'], queryFn: () => api.place() });
  if (place.isPending) return <Loading what="the partners" />;
  if (place.isError) return <ProblemMessage error={place.error} />;
  const partners = place.data.partners.filter((p) => p.kind !== 'gp_practice').map((p) => ({ id: p.id, name: p.name }));
  return (
    <>
      <h1>General ledger import</h1>
      <p>
        Partners send the spend they paid from their own ledgers as a CSV of general-ledger lines. Each line posts to the pool’s budget line its cost centre and subjective
        code map to; a line with no mapping is held until one is added. A file with any rejected row posts nothing.
      </p>
      {may ? <UploadForm partners={partners} /> : <p className="nhsuk-inset-text">You can read the imports but not send one; a finance officer or the pooled fund manager does.</p>}
      <ImportsHistory />
      <HeldLines may={may} />
      <GlMappingsSection partners={partners} may={may} />
    </>
  );
}

function UploadForm({ partners }: { partners: { id: string; name: string }[] }) {
  const client = useQueryClient();
  const [partnerId, setPartnerId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const send = useMutation({
    mutationFn: () => glApi.upload(partnerId, file!),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['gl'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const p: FormProblem[] = [];
    if (!partnerId) p.push({ href: '#gl-partner', text: 'Choose the partner whose ledger the file comes from' });
    if (!file) p.push({ href: '#gl-file', text: 'Choose a CSV file' });
    setProblems(p);
    if (p.length === 0) send.mutate();
  };
  return (
    <section aria-labelledby="gl-upload-title">
      <h2 id="gl-upload-title">Send a file</h2>
      <FormErrorSummary problems={problems} attempt={attempt} />
      <form onSubmit={submit} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="gl-partner">
            Partner
          </label>
          <select className="nhsuk-select" id="gl-partner" value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
            <option value="">Choose a partner</option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="gl-file">
            CSV file
          </label>
          <div className="nhsuk-hint" id="gl-file-hint">
            Saved as CSV UTF-8, with the header transaction_date,cost_centre,subjective,description,amount,reference and amounts in pounds such as 1234.56.
          </div>
          <input className="nhsuk-file-upload" id="gl-file" type="file" accept=".csv,text/csv" aria-describedby="gl-file-hint" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button className="nhsuk-button" type="submit" disabled={send.isPending}>
          {send.isPending ? 'Importing…' : 'Import the file'}
        </button>
      </form>
      {send.isError ? <ProblemMessage error={send.error} heading="The file was not imported" /> : null}
      {send.data ? <ImportOutcome result={send.data} /> : null}
    </section>
  );
}

function ImportOutcome({ result }: { result: GlImportResult }) {
  const summary = result.alreadyImported
    ? `${result.fileName} was imported before (${formatDateTime(result.importedAt)}): nothing was posted again.`
    : result.status === 'rejected'
      ? `Nothing was posted: ${result.rowsRejected} of ${result.rowsRead} rows were rejected. Correct them and send the file again.`
      : `${result.rowsPosted} posted, ${result.rowsHeld} held, ${result.rowsAlreadyReceived} already received, of ${result.rowsRead} rows.`;
  return (
    <div data-testid="gl-outcome">
      <p role="status" className={result.status === 'rejected' ? 'nhsuk-error-message' : undefined}>
        {summary}
      </p>
      {result.rejected.length ? (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">Rejected rows</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {result.rejected.map((r, i) => (
              <tr key={i}>
                <td>{r.line}</td>
                <td>{r.field}</td>
                <td>{r.problem}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.held.length ? <HeldTable caption="Held lines of this file" lines={result.held} /> : null}
    </div>
  );
}

function HeldTable({ caption, lines }: { caption: string; lines: GlHeld[] }) {
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Partner</th>
          <th scope="col">Line</th>
          <th scope="col">Date</th>
          <th scope="col">Reference</th>
          <th scope="col">Cost centre</th>
          <th scope="col">Subjective</th>
          <th scope="col" className="nhsuk-table__header--numeric">
            Amount
          </th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((h) => (
          <tr key={h.id}>
            <td>{h.partnerName}</td>
            <td>{h.lineNo}</td>
            <td>{formatDate(h.transactionDate)}</td>
            <td>{h.reference}</td>
            <td>{h.costCentre}</td>
            <td>{h.subjective}</td>
            <td className="nhsuk-table__cell--numeric">{formatPounds(h.amountPence)}</td>
            <td>{h.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ImportsHistory() {
  const imports = useQuery({ queryKey: ['gl', 'imports'], queryFn: () => glApi.imports() });
  return (
    <section aria-labelledby="gl-history-title">
      <h2 id="gl-history-title">Imports</h2>
      {imports.isPending ? <Loading what="the imports" /> : null}
      {imports.isError ? <ProblemMessage error={imports.error} /> : null}
      {imports.data && imports.data.imports.length === 0 ? <p>No file has been imported yet.</p> : null}
      {imports.data && imports.data.imports.length ? (
        <table className="nhsuk-table" data-testid="gl-imports">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Imports, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Partner</th>
              <th scope="col">File</th>
              <th scope="col">Outcome</th>
              <th scope="col" className="nhsuk-table__header--numeric">
                Rows
              </th>
              <th scope="col" className="nhsuk-table__header--numeric">
                Posted
              </th>
              <th scope="col" className="nhsuk-table__header--numeric">
                Held
              </th>
              <th scope="col" className="nhsuk-table__header--numeric">
                Rejected
              </th>
            </tr>
          </thead>
          <tbody>
            {imports.data.imports.map((i) => (
              <tr key={i.id}>
                <td>{formatDateTime(i.importedAt)}</td>
                <td>{i.partnerName}</td>
                <td>{i.fileName}</td>
                <td>{i.status === 'posted' ? 'Posted' : i.status === 'held' ? 'Posted, some lines held' : 'Rejected, nothing posted'}</td>
                <td className="nhsuk-table__cell--numeric">{i.rowsRead}</td>
                <td className="nhsuk-table__cell--numeric">{i.rowsPosted}</td>
                <td className="nhsuk-table__cell--numeric">{i.rowsHeld}</td>
                <td className="nhsuk-table__cell--numeric">{i.rowsRejected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function HeldLines({ may }: { may: boolean }) {
  const client = useQueryClient();
  const held = useQuery({ queryKey: ['gl', 'held'], queryFn: () => glApi.held() });
  const release = useMutation({
    mutationFn: () => glApi.release(),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['gl'] });
    },
  });
  return (
    <section aria-labelledby="gl-held-title">
      <h2 id="gl-held-title">Held lines</h2>
      {held.isPending ? <Loading what="the held lines" /> : null}
      {held.isError ? <ProblemMessage error={held.error} /> : null}
      {held.data && held.data.lines.length === 0 ? <p>No lines are held.</p> : null}
      {held.data && held.data.lines.length ? <HeldTable caption="Lines held for want of a mapping" lines={held.data.lines} /> : null}
      {may ? (
        <button className="nhsuk-button nhsuk-button--secondary" type="button" disabled={release.isPending} onClick={() => release.mutate()}>
          Release held lines that now map
        </button>
      ) : null}
      {release.isError ? <ProblemMessage error={release.error} /> : null}
      {release.data ? (
        <p role="status" data-testid="gl-released">
          {release.data.released.length} released, {release.data.stillHeld.length} still held.
        </p>
      ) : null}
    </section>
  );
}

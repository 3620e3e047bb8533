/**
 * The pool's statements: the quarterly statement and the annual return of the pooled fund
 * manager, and the board's budget monitoring report. Each shows as tables, downloads as CSV or
 * XLSX, and prints (the browser's print makes the PDF; styles.scss has the print layout).
 */
import { useQuery } from '@tanstack/react-query';
import { BackLink, Table } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import type { statementSchema } from '../../../src/finance/statement-api-schemas';
import { request } from '../api';
import { Loading, ProblemMessage, useFilterParams, usePageTitle } from '../components/common';
import { formatPounds } from '../format';
import { PrintButton } from './PrintButton';

type Statement = z.infer<typeof statementSchema>;
type Section = Statement['sections'][number];
type Cell = Section['rows'][number][number];
type Kind = Statement['kind'];

const kinds: { value: Kind; label: string }[] = [
  { value: 'quarterly', label: 'Quarterly statement to the partners' },
  { value: 'annual-return', label: 'Annual return (income and expenditure)' },
  { value: 'board-monitoring', label: 'Budget monitoring report to the board' },
];

/** Who reads the open book (src/finance/roles.ts, read). */

function currentYear(today = new Date()): string {
  const y = today.getFullYear();
  const start = today.getMonth() >= 3 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

function monthsOf(fy: string): { value: string; label: string }[] {
  const start = Number(fy.slice(0, 4));
  return Array.from({ length: 12 }, (_, i) => {
    const year = i < 9 ? start : start + 1;
    const month = ((i + 3) % 12) + 1;
    const value = `${year}-${String(month).padStart(2, '0')}`;
    return { value, label: new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }) };
  });
}

const isYear = (fy: string) => /^\d{4}-\d{2}$/.test(fy) && (Number(fy.slice(0, 4)) + 1) % 100 === Number(fy.slice(5, 7));

function percentOf(bp: number): string {
  const sign = bp < 0 ? '−' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

function shown(cell: Cell, type: Section['columns'][number]['type']): string {
  if (cell === null) return '';
  if (typeof cell === 'number' && type === 'pence') return formatPounds(cell);
  if (typeof cell === 'number' && type === 'percent') return percentOf(cell);
  return String(cell);
}

function SectionTable({ section }: { section: Section }) {
  const numeric = (i: number) => section.columns[i]?.type !== 'text';
  const cells = (row: Cell[], total: boolean) =>
    section.columns.map((c, i) =>
      i === 0 ? (
        <th key={i} scope="row" className="nhsuk-table__header">
          {shown(row[i] ?? null, c.type)}
        </th>
      ) : (
        <Table.Cell key={i} className={`${numeric(i) ? 'caretrust-figure' : ''}${total ? ' caretrust-total' : ''}`}>
          {shown(row[i] ?? null, c.type)}
        </Table.Cell>
      ),
    );
  return (
    <section className="caretrust-statement-section">
      <Table responsive caption={section.heading} captionProps={{ size: 'm' }}>
        <Table.Head>
          <Table.Row>
            {section.columns.map((c, i) => (
              <Table.Cell key={c.header} className={numeric(i) ? 'caretrust-figure' : undefined}>
                {c.header}
              </Table.Cell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {section.rows.length === 0 ? (
            <Table.Row>
              <Table.Cell colSpan={section.columns.length}>Nothing to show for this period.</Table.Cell>
            </Table.Row>
          ) : (
            section.rows.map((r, i) => <Table.Row key={i}>{cells(r, false)}</Table.Row>)
          )}
          {section.total && <Table.Row className="caretrust-total">{cells(section.total, true)}</Table.Row>}
        </Table.Body>
      </Table>
      {section.notes.map((n) => (
        <p key={n} className="nhsuk-body-s">
          {n}
        </p>
      ))}
    </section>
  );
}

function pathOf(kind: Kind, fy: string, quarter: string, month: string, format: 'json' | 'csv' | 'xlsx'): string {
  const period = kind === 'quarterly' ? `&quarter=${quarter}` : kind === 'board-monitoring' ? `&month=${month}` : '';
  return `/api/finance/statements/${kind}?fy=${encodeURIComponent(fy)}${period}&format=${format}`;
}

export function StatementsPage() {
  const [params, set] = useFilterParams();
  const kind = (kinds.find((k) => k.value === params.get('statement'))?.value ?? 'quarterly') as Kind;
  const fy = params.get('fy') ?? currentYear();
  const quarter = params.get('quarter') ?? '1';
  const month = params.get('month') ?? monthsOf(isYear(fy) ? fy : currentYear())[0]!.value;
  const [draftYear, setDraftYear] = useState(fy);
  const [yearProblem, setYearProblem] = useState<string | null>(null);
  const statement = useQuery({
    queryKey: ['finance', 'statement', kind, fy, quarter, month],
    queryFn: () => request<Statement>(pathOf(kind, fy, quarter, month, 'json')),
    enabled: isYear(fy),
    retry: false,
  });
  usePageTitle(statement.data?.title ?? 'Pool statements', !!yearProblem);

  const chooseYear = (e: FormEvent) => {
    e.preventDefault();
    if (!isYear(draftYear.trim())) return setYearProblem('Enter a financial year as YYYY-YY, for example 2026-27');
    setYearProblem(null);
    const year = draftYear.trim();
    set('fy', year);
    if (kind === 'board-monitoring') set('month', monthsOf(year)[0]!.value);
  };

  return (
    <>
      <BackLink asElement={Link} to="/" className="caretrust-no-print">
        Home
      </BackLink>
      <h1>{statement.data?.title ?? 'Pool statements'}</h1>
      <form className="caretrust-no-print caretrust-statement-form" onSubmit={chooseYear} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="statement-kind">
            Statement
          </label>
          <select id="statement-kind" className="nhsuk-select" value={kind} onChange={(e) => set('statement', e.target.value)}>
            {kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className={`nhsuk-form-group${yearProblem ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="statement-year">
            Financial year
          </label>
          <div className="nhsuk-hint" id="statement-year-hint">
            For example 2026-27 (1 April 2026 to 31 March 2027)
          </div>
          {yearProblem && (
            <span className="nhsuk-error-message" id="statement-year-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {yearProblem}
            </span>
          )}
          <input
            id="statement-year"
            className={`nhsuk-input nhsuk-input--width-10${yearProblem ? ' nhsuk-input--error' : ''}`}
            value={draftYear}
            aria-describedby={`statement-year-hint${yearProblem ? ' statement-year-error' : ''}`}
            onChange={(e) => setDraftYear(e.target.value)}
          />{' '}
          <button type="submit" className="nhsuk-button nhsuk-button--secondary">
            Show the year
          </button>
        </div>
        {kind === 'quarterly' && (
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="statement-quarter">
              Quarter
            </label>
            <select id="statement-quarter" className="nhsuk-select" value={quarter} onChange={(e) => set('quarter', e.target.value)}>
              <option value="1">Quarter 1 (April to June)</option>
              <option value="2">Quarter 2 (July to September)</option>
              <option value="3">Quarter 3 (October to December)</option>
              <option value="4">Quarter 4 (January to March)</option>
            </select>
          </div>
        )}
        {kind === 'board-monitoring' && isYear(fy) && (
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="statement-month">
              Month
            </label>
            <select id="statement-month" className="nhsuk-select" value={month} onChange={(e) => set('month', e.target.value)}>
              {monthsOf(fy).map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </form>
      {statement.isPending && isYear(fy) && <Loading what="the statement" />}
      {statement.isError && <ProblemMessage error={statement.error} heading="The statement cannot be shown" />}
      {statement.data && (
        <article aria-labelledby="statement-period">
          <p className="nhsuk-lede-text" id="statement-period">
            {statement.data.period.label}
          </p>
          {statement.data.basis.map((b) => (
            <p key={b}>{b}</p>
          ))}
          <div className="caretrust-no-print caretrust-statement-actions">
            <a className="nhsuk-button nhsuk-button--secondary" href={pathOf(kind, fy, quarter, month, 'csv')} download>
              Download CSV
            </a>{' '}
            <a className="nhsuk-button nhsuk-button--secondary" href={pathOf(kind, fy, quarter, month, 'xlsx')} download>
              Download XLSX
            </a>{' '}
            <PrintButton />
          </div>
          {statement.data.sections.map((s) => (
            <SectionTable key={s.heading} section={s} />
          ))}
        </article>
      )}
    </>
  );
}

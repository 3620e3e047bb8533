import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api';
import { Loading, ProblemMessage, useFilterParams, usePageTitle } from '../components/common';
import { formatDate, formatPounds, humanise } from '../format';
import { useSession } from '../session';
import { ContributionsSection } from './AgreementContributions';
import { ReceiptForm, VariationForm } from './AgreementForms';
import { ScheduleVersionsSection } from './AgreementSchedule';
import { agreementApi, type Agreement, type RiskRule, type Schedule } from './agreementApi';
import { postsToPool } from './roles';


/** The financial year of today ("2026-27"), to open the page on when the agreement has it. */
function yearOfToday(): string {
  const d = new Date();
  const y = d.getMonth() >= 3 ? d.getFullYear() : d.getFullYear() - 1;
  return `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
}

/** The place's Section 75 pooled fund agreement: what it covers, a year's schedule and its contributions. */
export function AgreementPage() {
  usePageTitle('Section 75 agreement');
  const { user } = useSession();
  const [params, setParam] = useFilterParams();
  const agreement = useQuery({ queryKey: ['finance', 'agreement'], queryFn: () => agreementApi.agreement(), retry: false });
  if (agreement.isPending) return <Loading what="the agreement" />;
  if (agreement.isError) {
    if (agreement.error instanceof ApiError && agreement.error.status === 404) {
      return (
        <>
          <h1>Section 75 agreement</h1>
          <p data-testid="no-agreement">{agreement.error.message}</p>
        </>
      );
    }
    return <ProblemMessage error={agreement.error} />;
  }
  const a = agreement.data;
  const years = a.financialYears;
  const asked = params.get('year');
  const fy = asked && years.includes(asked) ? asked : years.includes(yearOfToday()) ? yearOfToday() : (years[years.length - 1] ?? null);
  return (
    <>
      <h1>Section 75 agreement</h1>
      <AgreementSummary a={a} />
      <h2>Schedules by financial year</h2>
      {fy === null ? (
        <p data-testid="no-schedules">The agreement has no schedules yet: the pooled fund manager records each year’s partners, contributions, budgets and risk share.</p>
      ) : (
        <>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="agreement-year">
              Financial year
            </label>
            <select className="nhsuk-select" id="agreement-year" value={fy} onChange={(e) => setParam('year', e.target.value)}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <YearSections fy={fy} canPost={postsToPool(user.role)} />
        </>
      )}
    </>
  );
}

function AgreementSummary({ a }: { a: Agreement }) {
  const rows: [string, string][] = [
    ['Reference', a.reference],
    ['Title', a.title],
    ['Signed', formatDate(a.signedOn)],
    ['Host partner', a.hostPartnerName],
    ['Pooled fund manager', a.fundManagerPost],
    ['Functions', a.functions.map(humanise).join(', ')],
    ['Client groups', a.clientGroups.map(humanise).join(', ')],
  ];
  return (
    <dl className="nhsuk-summary-list" data-testid="agreement-summary">
      {rows.map(([k, v]) => (
        <div className="nhsuk-summary-list__row" key={k}>
          <dt className="nhsuk-summary-list__key">{k}</dt>
          <dd className="nhsuk-summary-list__value">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function YearSections({ fy, canPost }: { fy: string; canPost: boolean }) {
  const versions = useQuery({ queryKey: ['finance', 'schedule-versions', fy], queryFn: () => agreementApi.versions(fy) });
  const contributions = useQuery({ queryKey: ['finance', 'contributions', fy], queryFn: () => agreementApi.contributions(fy) });
  if (versions.isPending || contributions.isPending) return <Loading what={`the ${fy} schedule`} />;
  if (versions.isError) return <ProblemMessage error={versions.error} />;
  if (contributions.isError) return <ProblemMessage error={contributions.error} />;
  const current = versions.data.versions.find((v) => v.current) ?? versions.data.versions[versions.data.versions.length - 1]!;
  return (
    <>
      <ScheduleVersionsSection fy={fy} versions={versions.data.versions} />
      <RiskShareInWords schedule={current} />
      <ContributionsSection fy={fy} c={contributions.data} />
      {canPost ? (
        <>
          <ReceiptForm fy={fy} schedule={current} />
          <VariationForm fy={fy} schedule={current} />
        </>
      ) : (
        <div className="nhsuk-inset-text" data-testid="agreement-read-only">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>You can read the pool’s contributions; a finance officer or the pooled fund manager records receipts and variations.</p>
        </div>
      )}
    </>
  );
}

/** A risk-share rule as a sentence. */
export function ruleInWords(rule: RiskRule, names: Map<string, string>): string {
  const name = (id: string) => names.get(id) ?? 'A partner no longer in the pool';
  if (rule.method === 'pro_rata') return 'Shared in proportion to each partner’s contribution (planned plus variations).';
  if (rule.method === 'fixed') return `Shared in fixed proportions: ${rule.shares.map((s) => `${name(s.partnerId)} ${(s.basisPoints / 100).toLocaleString('en-GB')}%`).join(', ')}.`;
  const caps = rule.caps.map((c) => `${name(c.partnerId)} bears at most ${formatPounds(c.capPence)}`).join('; ');
  return `Shared in proportion to contributions, but ${caps}; ${name(rule.bearerPartnerId)} bears the rest.`;
}

function RiskShareInWords({ schedule }: { schedule: Schedule }) {
  const names = new Map(schedule.partners.map((p) => [p.partnerId, p.partnerName]));
  return (
    <section aria-labelledby="risk-share-heading" data-testid="risk-share-rules">
      <h3 id="risk-share-heading">Risk share (version {schedule.version})</h3>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">An overspend</dt>
          <dd className="nhsuk-summary-list__value">{ruleInWords(schedule.riskShare.overspend, names)}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">An underspend</dt>
          <dd className="nhsuk-summary-list__value">{ruleInWords(schedule.riskShare.underspend, names)}</dd>
        </div>
      </dl>
    </section>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BackLink, Button, DateInput, Form, Select, SummaryList, Table, Textarea, TextInput } from 'nhsuk-react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { careActOutcomeLabels, careActOutcomes, type CareActOutcome } from '../assessment/rules';
import { useCodes, type Codes } from '../codes';
import { FormErrorSummary, Loading, ProblemMessage, usePageTitle, type FormProblem } from '../components/common';
import { Confirmation, PersonLine, StatusTag } from '../components/pathway';
import { formatDate, formatPounds, parsePounds, partnerKindLabel } from '../format';
import { pathway, type Assessment, type NewServiceLine, type Plan, type PlanNeed, type ServiceLine } from '../pathwayApi';
import { useSession } from '../session';

/** Today's calendar date in London, as YYYY-MM-DD. */
export function londonToday(): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

type DateParts = { day: string; month: string; year: string };
const partsOf = (iso: string): DateParts => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
};
function isoOfParts(p: DateParts): string | null {
  if (!/^\d{1,2}$/.test(p.day) || !/^\d{1,2}$/.test(p.month) || !/^\d{4}$/.test(p.year)) return null;
  const iso = `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** "7.5 hours a week", in the words of the server's units and frequencies. */
function quantityText(l: Pick<ServiceLine, 'quantity' | 'unit' | 'frequency'>, codes: Codes | undefined): string {
  const u = codes?.units.find((x) => x.code === l.unit);
  const unit = l.quantity === 1 ? l.unit : (u?.plural ?? `${l.unit}s`);
  const phrase = codes?.frequencies.find((f) => f.code === l.frequency)?.phrase ?? l.frequency.replace('_', ' ');
  return `${l.quantity.toLocaleString('en-GB')} ${unit} ${phrase}`;
}

export function PlanPage() {
  const { id = '' } = useParams();
  const plan = useQuery({ queryKey: ['plan', id], queryFn: () => pathway.plan(id) });
  if (plan.isPending) return <Loading what="the care and support plan" />;
  if (plan.isError) {
    return (
      <>
        <BackLink asElement={Link} to="/">
          Back to your home page
        </BackLink>
        <h1>Care and support plan</h1>
        <ProblemMessage error={plan.error} heading="The plan could not be loaded" />
      </>
    );
  }
  return <PlanView plan={plan.data} />;
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <SummaryList.Row>
      <SummaryList.Key>{label}</SummaryList.Key>
      <SummaryList.Value data-testid={testId}>{children}</SummaryList.Value>
    </SummaryList.Row>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const name = plan.person.name;
  const completedOn = plan.assessment.completedOn;
  usePageTitle(`Care and support plan – ${name}`);
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const lines = [...plan.lines].sort((a, b) => a.plannedStart.localeCompare(b.plannedStart));

  return (
    <>
      <BackLink asElement={Link} to={`/people/${encodeURIComponent(plan.personId)}`}>
        Back to {name}'s record
      </BackLink>
      <span className="nhsuk-caption-l">Care and support plan</span>
      <h1 data-testid="plan-heading">Plan for {name}</h1>
      <PersonLine person={plan.person} testId="plan-person" />
      <Confirmation testId="plan-confirmation">{confirmation}</Confirmation>
      <p>
        <StatusTag status={plan.status === 'active' ? (plan.inPlaceOn ? 'in_place' : 'proposed') : plan.status} /> Agreed{' '}
        {formatDate(plan.createdAt)} from the{' '}
        <Link to={`/assessments/${encodeURIComponent(plan.assessmentId)}`}>assessment</Link>
        {completedOn ? ` completed ${formatDate(completedOn)}` : ''}.
      </p>

      <TwentyEightDays plan={plan} />

      <h2>Costs</h2>
      <SummaryList data-testid="plan-costs">
        <Row label="Weekly cost of the package" testId="plan-weekly-cost">
          {formatPounds(plan.cost.weeklyPence)} a week
        </Row>
        <Row label="Approved or in place">{formatPounds(plan.cost.committedWeeklyPence)} a week</Row>
        <Row label="In place now">{formatPounds(plan.cost.inPlaceWeeklyPence)} a week</Row>
        <Row label="One-off costs">{formatPounds(plan.cost.oneOffPence)}</Row>
      </SummaryList>

      <h2>Needs and outcomes</h2>
      <Table caption="Each eligible need and the outcome it serves" captionProps={{ className: 'nhsuk-u-visually-hidden' }} data-testid="plan-needs">
        <Table.Head>
          <Table.Row>
            <Table.Cell>Need</Table.Cell>
            <Table.Cell>Outcome wanted</Table.Cell>
            <Table.Cell>Care Act outcome</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {plan.needs.map((n, i) => (
            <Table.Row key={i}>
              <Table.Cell>{n.need}</Table.Cell>
              <Table.Cell>{n.outcome}</Table.Cell>
              <Table.Cell>{n.careActOutcome ? (careActOutcomeLabels[n.careActOutcome as CareActOutcome] ?? n.careActOutcome) : ''}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>

      <h2>Services</h2>
      {lines.length === 0 ? <p>No services yet. Add the first below.</p> : null}
      {lines.map((l) => (
        <LineCard key={l.id} line={l} earliest={completedOn} onDone={setConfirmation} />
      ))}
      {plan.status === 'active' ? <AddLine plan={plan} earliest={completedOn} onDone={setConfirmation} /> : null}
    </>
  );
}

/** Assessment completed → package in place: the days, a warning from day 21, a breach after 28. */
function TwentyEightDays({ plan }: { plan: Plan }) {
  const measure = useQuery({
    queryKey: ['measures', '28-days', 'assessment', plan.assessmentId],
    queryFn: () => pathway.packageIn28Days({ assessmentId: plan.assessmentId }),
    retry: false,
    staleTime: 60_000,
  });
  const row = measure.data?.rows.find((r) => r.assessmentId === plan.assessmentId);
  const completedOn = row?.completedOn ?? plan.assessment.completedOn;
  if (!completedOn) return null;
  const inPlaceOn = row ? row.firstInPlaceOn : plan.inPlaceOn;
  const days = row ? row.days : daysBetween(completedOn, inPlaceOn ?? londonToday());
  const inPlace = row ? row.inPlace : !!inPlaceOn;
  const breached = row ? row.status === 'breached' : days > 28;
  const warning = row ? row.warning : !inPlace && days >= 21 && days <= 28;
  const tone = breached ? 'caretrust-measure--breach' : warning ? 'caretrust-measure--warning' : inPlace ? 'caretrust-measure--met' : '';
  const text = inPlace
    ? breached
      ? `Package in place ${days} days after the assessment: the 28-day target was missed.`
      : `Package in place ${days} days after the assessment: within 28 days.`
    : breached
      ? `${days} days since the assessment and the package is not in place: the 28-day target is breached.`
      : warning
        ? `${days} days since the assessment: ${28 - days} ${28 - days === 1 ? 'day' : 'days'} left to put the package in place.`
        : `${days} ${days === 1 ? 'day' : 'days'} since the assessment; the package should be in place within 28 days.`;
  return (
    <div className={`nhsuk-card caretrust-measure ${tone}`} data-testid="plan-28-days">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">28 days from assessment to package in place</h2>
        <p className="nhsuk-u-margin-bottom-0">
          {breached ? <strong>Breach: </strong> : warning ? <strong>Warning: </strong> : null}
          {text}
        </p>
      </div>
    </div>
  );
}

function useLineAction(onDone: (text: string) => void, planId: string) {
  const queryClient = useQueryClient();
  return async (text: string) => {
    onDone(text);
    await queryClient.invalidateQueries({ queryKey: ['plan', planId] });
    await queryClient.invalidateQueries({ queryKey: ['plans'] });
    await queryClient.invalidateQueries({ queryKey: ['measures'] });
  };
}

function LineCard({ line: l, earliest, onDone }: { line: ServiceLine; earliest: string | null; onDone: (text: string) => void }) {
  const session = useSession();
  const codes = useCodes();
  const limits = useQuery({ queryKey: ['approval-limits'], queryFn: () => pathway.approvalLimits(), staleTime: 5 * 60_000 });
  const finish = useLineAction(onDone, l.planId);
  const [startDate, setStartDate] = useState<DateParts>(partsOf(l.plannedStart <= londonToday() ? l.plannedStart : londonToday()));
  const [endDate, setEndDate] = useState<DateParts>(partsOf(londonToday()));
  const [endReason, setEndReason] = useState('');
  const [errors, setErrors] = useState<{ start?: string; end?: string; reason?: string; form?: string }>({});
  const [attempt, setAttempt] = useState(0);
  const prefix = `line-${l.id}`;
  const label = `${l.component}, ${l.provider.name}`;
  const onError = (error: unknown) => {
    if (error instanceof ApiError) {
      const start = error.problemWith('startedOn', 'Start date');
      const end = error.problemWith('endedOn', 'End date');
      const reason = error.problemWith('reason', 'Reason');
      setErrors({ start, end, reason, form: start || end || reason ? undefined : error.message });
    } else setErrors({ form: 'That did not work. Try again.' });
  };
  const approve = useMutation({
    mutationFn: () => pathway.approveLine(l.id, l.version),
    onSuccess: (c) => finish(`${label} approved. The plan now costs ${formatPounds(c.planCost.committedWeeklyPence)} a week.`),
    onError,
  });
  const start = useMutation({
    mutationFn: (startedOn: string) => pathway.startLine(l.id, { startedOn, version: l.version }),
    onSuccess: (c) =>
      finish(
        `${label} is in place from ${formatDate(c.startedOn)}.${c.reviewScheduled ? ` The first review is due on ${formatDate(c.reviewScheduled.dueOn)}.` : ''}`,
      ),
    onError,
  });
  const end = useMutation({
    mutationFn: (endedOn: string) => pathway.endLine(l.id, { endedOn, reason: endReason.trim(), version: l.version }),
    onSuccess: (c) => finish(`${label} ended on ${formatDate(c.endedOn)}.`),
    onError,
  });
  const busy = approve.isPending || start.isPending || end.isPending;
  // Whoever the place gives an approval limit may approve (the server checks the amount and who proposed it).
  const mayApprove = (limits.data?.limits.find((x) => x.role === session.user.role)?.weeklyPence ?? 0) > 0;

  function onStart(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const iso = isoOfParts(startDate);
    if (!iso) return setErrors({ start: 'Enter the date the service started, a real date' });
    setErrors({});
    start.mutate(iso);
  }
  function onEnd(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const iso = isoOfParts(endDate);
    const next: typeof errors = {};
    if (!iso) next.end = 'Enter the date the service ended, a real date';
    if (!endReason.trim()) next.reason = 'Enter why the service ended';
    setErrors(next);
    if (iso && !next.reason) end.mutate(iso);
  }
  const problems: FormProblem[] = [];
  if (errors.form) problems.push({ text: errors.form });
  if (errors.start) problems.push({ href: `#${prefix}-start`, text: errors.start });
  if (errors.end) problems.push({ href: `#${prefix}-end`, text: errors.end });
  if (errors.reason) problems.push({ href: `#${prefix}-reason`, text: errors.reason });

  return (
    <section className="nhsuk-card" aria-labelledby={`${prefix}-heading`} data-testid="service-line" data-component={l.component} data-status={l.status}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-m" id={`${prefix}-heading`}>
          {l.component} <StatusTag status={l.status} />
        </h3>
        <SummaryList>
          <Row label="Service type">{l.serviceType}</Row>
          <Row label="Provider">
            {l.provider.name}
            <span className="caretrust-access-detail">{partnerKindLabel(l.provider.kind)}</span>
          </Row>
          <Row label="Delivery">{l.deliveryMechanism}</Row>
          <Row label="Quantity">{quantityText(l, codes)}</Row>
          <Row label="Unit cost">
            {formatPounds(l.unitCostPence)} {['hour', 'item'].includes(l.unit) ? 'an' : 'a'} {l.unit}
          </Row>
          <Row label={l.frequency === 'one_off' ? 'Cost' : 'Weekly cost'} testId="line-cost">
            {l.frequency === 'one_off' ? `${formatPounds(l.oneOffCostPence)} once` : `${formatPounds(l.weeklyCostPence)} a week`}
          </Row>
          <Row label="Planned">
            From {formatDate(l.plannedStart)}
            {l.plannedEnd ? ` to ${formatDate(l.plannedEnd)}` : ', no end date'}
          </Row>
          {l.approvedAt ? <Row label="Approved">{formatDate(l.approvedAt)}</Row> : null}
          {l.startedOn ? <Row label="In place from">{formatDate(l.startedOn)}</Row> : null}
          {l.endedOn ? (
            <Row label="Ended">
              {formatDate(l.endedOn)}
              {l.endReason ? `: ${l.endReason}` : ''}
            </Row>
          ) : null}
        </SummaryList>
        <FormErrorSummary problems={problems} attempt={attempt} />
        {l.status === 'proposed' ? (
          mayApprove ? (
            <Button type="button" onClick={() => approve.mutate()} disabled={busy}>
              Approve<span className="nhsuk-u-visually-hidden"> {label}</span>
            </Button>
          ) : (
            <p className="caretrust-secondary">Waiting for approval by someone with an approval limit (a team manager, or a funding panel above it).</p>
          )
        ) : null}
        {l.status === 'approved' ? (
          <Form onSubmit={onStart} noValidate aria-label={`Mark ${label} in place`}>
            <DateInput
              id={`${prefix}-start`}
              legend="Date the service started"
              legendProps={{ size: 's' }}
              hint={earliest ? `Not before the assessment was completed (${formatDate(earliest)}), nor after today.` : undefined}
              value={startDate}
              onChange={(e) => setStartDate({ ...startDate, ...e.currentTarget.value })}
              error={errors.start}
            />
            <Button type="submit" disabled={busy}>
              Mark in place<span className="nhsuk-u-visually-hidden"> {label}</span>
            </Button>
          </Form>
        ) : null}
        {l.status === 'in_place' ? (
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">End this service</span>
            </summary>
            <div className="nhsuk-details__text">
              <Form onSubmit={onEnd} noValidate aria-label={`End ${label}`}>
                <DateInput id={`${prefix}-end`} legend="Date the service ended" legendProps={{ size: 's' }} value={endDate} onChange={(e) => setEndDate({ ...endDate, ...e.currentTarget.value })} error={errors.end} />
                <Textarea id={`${prefix}-reason`} label="Why it ended" labelProps={{ size: 's' }} rows={2} value={endReason} onChange={(e) => setEndReason(e.currentTarget.value)} error={errors.reason} />
                <Button type="submit" secondary disabled={busy}>
                  End<span className="nhsuk-u-visually-hidden"> {label}</span>
                </Button>
              </Form>
            </div>
          </details>
        ) : null}
      </div>
    </section>
  );
}

/** Propose a service line: CLD type and component, provider, delivery, quantity, unit cost, dates. */
function AddLine({ plan, earliest, onDone }: { plan: Plan; earliest: string | null; onDone: (text: string) => void }) {
  const finish = useLineAction(onDone, plan.id);
  const codes = useCodes();
  const place = useQuery({ queryKey: ['place'], queryFn: () => api.place(), staleTime: 5 * 60_000 });
  const providingKinds = (codes?.providerPartnerKinds ?? []).map((k) => k.code);
  const providers = (place.data?.partners ?? []).filter((p) => providingKinds.includes(p.kind));
  const [f, setF] = useState({
    serviceType: 'Long term support: Community',
    component: '',
    provider: '',
    deliveryMechanism: 'CASSR commissioned support',
    unit: 'hour',
    quantity: '',
    frequency: 'per_week',
    unitCost: '',
  });
  const start0 = earliest && earliest > londonToday() ? earliest : londonToday();
  const [startDate, setStartDate] = useState<DateParts>(partsOf(start0));
  const [endDate, setEndDate] = useState<DateParts>({ day: '', month: '', year: '' });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [attempt, setAttempt] = useState(0);

  const weeklyPreview = (() => {
    const q = Number(f.quantity);
    const cost = parsePounds(f.unitCost);
    if (!f.quantity || Number.isNaN(q) || cost === null) return null;
    const per = Math.round(q * 100) * cost;
    if (f.frequency === 'one_off') return `${formatPounds(Math.floor((2 * per + 100) / 200))} once`;
    const weekly = f.frequency === 'per_day' ? per * 7 : per;
    return `${formatPounds(Math.floor((2 * weekly + 100) / 200))} a week`;
  })();

  const propose = useMutation({
    mutationFn: (body: NewServiceLine) => pathway.proposeLine(plan.id, body),
    onSuccess: async (l) => {
      // Cleared at once, with the confirmation, so the next service starts from an empty form.
      setF((x) => ({ ...x, component: '', quantity: '', unitCost: '' }));
      setErrors({});
      await finish(`${l.component} from ${l.provider.name} proposed: ${l.frequency === 'one_off' ? formatPounds(l.oneOffCostPence) + ' once' : formatPounds(l.weeklyCostPence) + ' a week'}. It needs approval.`);
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const fields: [string, string, string][] = [
          ['serviceType', 'serviceType', 'Service type'],
          ['component', 'component', 'Component'],
          ['providerPartnerId', 'provider', 'Provider'],
          ['deliveryMechanism', 'deliveryMechanism', 'Delivery'],
          ['unit', 'unit', 'Unit'],
          ['quantity', 'quantity', 'Quantity'],
          ['frequency', 'frequency', 'Frequency'],
          ['unitCostPence', 'unitCost', 'Unit cost'],
          ['plannedStart', 'start', 'Start date'],
          ['plannedEnd', 'end', 'End date'],
        ];
        const next: Record<string, string | undefined> = {};
        for (const [api, key, label] of fields) next[key] = error.problemWith(api, label);
        if (!Object.values(next).some(Boolean)) next.form = error.message;
        setErrors(next);
      } else setErrors({ form: 'The service could not be proposed. Try again.' });
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const next: Record<string, string | undefined> = {};
    if (!f.component) next.component = 'Select the service component';
    if (!f.provider) next.provider = 'Select the provider';
    const q = Number(f.quantity);
    if (!f.quantity.trim() || Number.isNaN(q) || q <= 0) next.quantity = 'Enter the quantity, a number more than 0, like 7.5';
    const cost = parsePounds(f.unitCost);
    if (cost === null || cost <= 0) next.unitCost = 'Enter the unit cost in pounds and pence, like 16.36';
    const start = isoOfParts(startDate);
    if (!start) next.start = 'Enter the planned start date, a real date';
    const hasEnd = endDate.day || endDate.month || endDate.year;
    const endIso = hasEnd ? isoOfParts(endDate) : null;
    if (hasEnd && !endIso) next.end = 'Enter the planned end date as a real date, or leave it empty';
    setErrors(next);
    if (Object.values(next).some(Boolean) || !start || cost === null) return;
    propose.mutate({
      serviceType: f.serviceType,
      component: f.component,
      providerPartnerId: f.provider,
      deliveryMechanism: f.deliveryMechanism,
      unit: f.unit,
      quantity: q,
      frequency: f.frequency as NewServiceLine['frequency'],
      unitCostPence: cost,
      plannedStart: start,
      ...(endIso ? { plannedEnd: endIso } : {}),
    });
  }

  const ids: Record<string, string> = {
    serviceType: 'line-service-type',
    component: 'line-component',
    provider: 'line-provider',
    deliveryMechanism: 'line-delivery',
    unit: 'line-unit',
    quantity: 'line-quantity',
    frequency: 'line-frequency',
    unitCost: 'line-unit-cost',
    start: 'line-start',
    end: 'line-end',
  };
  const problems: FormProblem[] = Object.entries(errors)
    .filter((e): e is [string, string] => !!e[1])
    .map(([k, text]) => (k === 'form' ? { text } : { href: `#${ids[k]}`, text }));

  return (
    <section aria-labelledby="add-line-heading" className="caretrust-section" data-testid="add-line">
      <h2 id="add-line-heading">Add a service</h2>
      <FormErrorSummary problems={problems} attempt={attempt} />
      <Form onSubmit={onSubmit} noValidate aria-label="Add a service">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <Select id="line-service-type" label="Service type" labelProps={{ size: 's' }} value={f.serviceType} onChange={(e) => setF({ ...f, serviceType: e.currentTarget.value })} error={errors.serviceType}>
              {(codes?.serviceTypes ?? [{ code: f.serviceType, label: f.serviceType }]).map((t) => (
                <Select.Option key={t.code} value={t.code}>
                  {t.label}
                </Select.Option>
              ))}
            </Select>
            <Select id="line-component" label="Service component" labelProps={{ size: 's' }} value={f.component} onChange={(e) => setF({ ...f, component: e.currentTarget.value })} error={errors.component}>
              <Select.Option value="">Choose a component</Select.Option>
              {(codes?.serviceComponents ?? []).map((t) => (
                <Select.Option key={t.code} value={t.code}>
                  {t.label}
                </Select.Option>
              ))}
            </Select>
            <Select id="line-provider" label="Provider" labelProps={{ size: 's' }} value={f.provider} onChange={(e) => setF({ ...f, provider: e.currentTarget.value })} error={errors.provider}>
              <Select.Option value="">Choose a provider</Select.Option>
              {providers.map((p) => (
                <Select.Option key={p.id} value={p.id}>
                  {p.name}
                </Select.Option>
              ))}
            </Select>
            <Select id="line-delivery" label="Delivery mechanism" labelProps={{ size: 's' }} value={f.deliveryMechanism} onChange={(e) => setF({ ...f, deliveryMechanism: e.currentTarget.value })} error={errors.deliveryMechanism}>
              {(codes?.deliveryMechanisms ?? [{ code: f.deliveryMechanism, label: f.deliveryMechanism }]).map((t) => (
                <Select.Option key={t.code} value={t.code}>
                  {t.label}
                </Select.Option>
              ))}
            </Select>
          </div>
          <div className="nhsuk-grid-column-one-half">
            <TextInput id="line-quantity" label="Quantity" labelProps={{ size: 's' }} hint="Up to two decimal places, like 7.5" inputMode="decimal" width={5} value={f.quantity} onChange={(e) => setF({ ...f, quantity: e.currentTarget.value })} error={errors.quantity} />
            <Select id="line-unit" label="Unit" labelProps={{ size: 's' }} value={f.unit} onChange={(e) => setF({ ...f, unit: e.currentTarget.value })} error={errors.unit}>
              {(codes?.units ?? [{ code: f.unit, label: f.unit, plural: '' }]).map((u) => (
                <Select.Option key={u.code} value={u.code}>
                  {u.label}
                </Select.Option>
              ))}
            </Select>
            <Select id="line-frequency" label="Frequency" labelProps={{ size: 's' }} value={f.frequency} onChange={(e) => setF({ ...f, frequency: e.currentTarget.value })} error={errors.frequency}>
              {(codes?.frequencies ?? [{ code: f.frequency, label: f.frequency, phrase: '' }]).map((x) => (
                <Select.Option key={x.code} value={x.code}>
                  {x.label}
                </Select.Option>
              ))}
            </Select>
            <TextInput
              id="line-unit-cost"
              label="Unit cost in pounds"
              labelProps={{ size: 's' }}
              hint="Pounds and pence for one unit, like 16.36"
              inputMode="decimal"
              width={5}
              prefix="£"
              value={f.unitCost}
              onChange={(e) => setF({ ...f, unitCost: e.currentTarget.value })}
              error={errors.unitCost}
            />
            <p className="nhsuk-body-s" role="status" data-testid="line-cost-preview">
              {weeklyPreview ? `Cost: ${weeklyPreview}` : ''}
            </p>
          </div>
        </div>
        <DateInput id="line-start" legend="Planned start" legendProps={{ size: 's' }} value={startDate} onChange={(e) => setStartDate({ ...startDate, ...e.currentTarget.value })} error={errors.start} />
        <DateInput id="line-end" legend="Planned end (optional)" legendProps={{ size: 's' }} value={endDate} onChange={(e) => setEndDate({ ...endDate, ...e.currentTarget.value })} error={errors.end} />
        <Button type="submit" secondary disabled={propose.isPending}>
          Propose this service
        </Button>
      </Form>
    </section>
  );
}

/** From a completed assessment that found eligible needs: the needs and outcomes a plan meets. */
export function MakePlan({ assessment, onMade }: { assessment: Assessment; onMade?: (plan: Plan) => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const unable = (assessment.eligibilityComputed ?? assessment.eligibility).unableToAchieve.filter((k): k is CareActOutcome =>
    (careActOutcomes as readonly string[]).includes(k),
  );
  const [needs, setNeeds] = useState<PlanNeed[]>(() =>
    unable.length ? unable.map((k) => ({ need: '', outcome: '', careActOutcome: k })) : [{ need: '', outcome: '' }],
  );
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [attempt, setAttempt] = useState(0);
  const [existing, setExisting] = useState<string | null>(null);
  const make = useMutation({
    mutationFn: () => pathway.makePlan({ assessmentId: assessment.id, needs: needs.map((n) => ({ ...n, need: n.need.trim(), outcome: n.outcome.trim() })) }),
    onSuccess: async (plan) => {
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      onMade?.(plan);
      navigate(`/plans/${encodeURIComponent(plan.id)}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409 && typeof error.body.existingId === 'string') {
        setExisting(error.body.existingId);
        return;
      }
      setErrors({ form: error instanceof ApiError ? error.message : 'The plan could not be made. Try again.' });
    },
  });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const next: Record<string, string | undefined> = {};
    const kept = needs.filter((n) => n.need.trim() || n.outcome.trim());
    if (kept.length === 0) next['need-0'] = 'Describe at least one eligible need and the outcome it serves';
    needs.forEach((n, i) => {
      if (n.need.trim() && !n.outcome.trim()) next[`outcome-${i}`] = `Enter the outcome wanted for need ${i + 1}`;
      if (!n.need.trim() && n.outcome.trim()) next[`need-${i}`] = `Describe need ${i + 1}`;
    });
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    setNeeds(kept);
    make.mutate();
  }
  const problems: FormProblem[] = Object.entries(errors)
    .filter((x): x is [string, string] => !!x[1])
    .map(([k, text]) => (k === 'form' ? { text } : { href: `#plan-${k}`, text }));

  if (existing) {
    return (
      <p>
        This assessment already has a plan. <Link to={`/plans/${encodeURIComponent(existing)}`}>Open the care and support plan</Link>
      </p>
    );
  }
  return (
    <section aria-labelledby="make-plan-heading" data-testid="make-plan">
      <h2 id="make-plan-heading">Make a care and support plan</h2>
      <p>For each eligible need, say what the person wants to achieve. Services are added to the plan next.</p>
      <FormErrorSummary problems={problems} attempt={attempt} />
      <Form onSubmit={onSubmit} noValidate aria-label="Make a care and support plan">
        {needs.map((n, i) => (
          <fieldset className="nhsuk-fieldset caretrust-risk" key={i}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
              Need {i + 1}
              {n.careActOutcome ? `: ${careActOutcomeLabels[n.careActOutcome as CareActOutcome] ?? n.careActOutcome}` : ''}
            </legend>
            <Textarea id={`plan-need-${i}`} label="The need" labelProps={{ size: 's' }} rows={2} value={n.need} onChange={(e) => setNeeds(needs.map((x, j) => (j === i ? { ...x, need: e.currentTarget.value } : x)))} error={errors[`need-${i}`]} />
            <Textarea id={`plan-outcome-${i}`} label="The outcome wanted" labelProps={{ size: 's' }} rows={2} value={n.outcome} onChange={(e) => setNeeds(needs.map((x, j) => (j === i ? { ...x, outcome: e.currentTarget.value } : x)))} error={errors[`outcome-${i}`]} />
          </fieldset>
        ))}
        <div className="caretrust-button-row">
          <Button type="button" secondary onClick={() => setNeeds([...needs, { need: '', outcome: '' }])}>
            Add another need
          </Button>
          <Button type="submit" disabled={make.isPending}>
            Make the plan
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** The person's plans on their record. */
export function PersonPlans({ personId }: { personId: string }) {
  const plans = useQuery({ queryKey: ['plans', 'person', personId], queryFn: () => pathway.plansOf(personId), retry: false });
  if (plans.isError && plans.error instanceof ApiError && plans.error.status === 404) return null;
  return (
    <section aria-labelledby="plans-heading" data-testid="person-plans">
      <h2 id="plans-heading">Care and support plans</h2>
      {plans.isPending ? (
        <p role="status">Loading plans…</p>
      ) : plans.isError ? (
        <ProblemMessage error={plans.error} heading="The plans could not be loaded" />
      ) : plans.data.plans.length === 0 ? (
        <p>No care and support plans.</p>
      ) : (
        <Table caption="Care and support plans, newest first" captionProps={{ className: 'nhsuk-u-visually-hidden' }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Agreed</Table.Cell>
              <Table.Cell>Services</Table.Cell>
              <Table.Cell>Weekly cost</Table.Cell>
              <Table.Cell>In place</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {plans.data.plans.map((p) => (
              <Table.Row key={p.id} data-testid="plan-row">
                <Table.Cell>
                  <Link to={`/plans/${encodeURIComponent(p.id)}`}>{formatDate(p.createdAt)}</Link>
                </Table.Cell>
                <Table.Cell>{p.lines.map((l) => l.component).join(', ') || 'None yet'}</Table.Cell>
                <Table.Cell>{formatPounds(p.cost.weeklyPence)}</Table.Cell>
                <Table.Cell>{p.inPlaceOn ? formatDate(p.inPlaceOn) : p.status === 'active' ? 'Not yet' : p.status}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

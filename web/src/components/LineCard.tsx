/** One service line of a plan: its cost, state and the steps a user may take on it next. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, DateInput, Form, SummaryList, Textarea } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { useCodes } from '../codes';
import { FormErrorSummary, type FormProblem } from '../components/common';
import { StatusTag } from '../components/pathway';
import { formatDate, formatPounds, partnerKindLabel } from '../format';
import { pathway, type ServiceLine } from '../pathwayApi';
import { useSession } from '../session';
import { isoOfParts, londonToday, partsOf, type DateParts } from '../date-parts';
import { quantityText, Row, useLineAction } from './plan-parts';
import { LineVariation } from './LineVariation';

export function LineCard({ line: l, earliest, onDone }: { line: ServiceLine; earliest: string | null; onDone: (text: string) => void }) {
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
        {(l.status === 'approved' || l.status === 'in_place') && l.frequency !== 'one_off' ? <LineVariation line={l} onDone={onDone} /> : null}
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

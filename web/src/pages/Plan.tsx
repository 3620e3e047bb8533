import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BackLink, Button, Form, SummaryList, Table, Textarea } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api';
import { careActOutcomeLabels, careActOutcomes, type CareActOutcome } from '../assessment/rules';
import { FormErrorSummary, Loading, ProblemMessage, usePageTitle, type FormProblem } from '../components/common';
import { Confirmation, PersonLine, StatusTag } from '../components/pathway';
import { formatDate, formatPounds } from '../format';
import { pathway, type Assessment, type Plan, type PlanNeed } from '../pathwayApi';
import { daysBetween, londonToday } from '../date-parts';
import { Row } from '../components/plan-parts';
import { LineCard } from '../components/LineCard';
import { AddLine } from '../components/AddLine';

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

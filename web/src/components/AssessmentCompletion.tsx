/** The end of a shared assessment: the eligibility it shows as it is filled in, the form that completes it, and what it decided. */
import { useMutation } from '@tanstack/react-query';
import { Button, Form, Radios, Select, SummaryList, Textarea } from 'nhsuk-react-components';
import { useState, type FormEvent, type RefObject } from 'react';
import { ApiError } from '../api';
import { missingLabel, type LiveEligibility } from '../assessment/rules';
import { useCodes } from '../codes';
import { FormErrorSummary, type FormProblem } from './common';
import { formatDateTime } from '../format';
import { pathway, type Assessment } from '../pathwayApi';
import { CodeOptions } from './CodeOptions';

function Condition({ met, text }: { met: boolean; text: string }) {
  return (
    <li className={met ? 'caretrust-condition caretrust-condition--met' : 'caretrust-condition'}>
      <strong>{met ? 'Met' : 'Not met'}:</strong> {text}
    </li>
  );
}

export function EligibilityPanel({ live, view }: { live: LiveEligibility; view: Assessment }) {
  const adult = live.rule === 'adult';
  return (
    <section id="eligibility" aria-labelledby="eligibility-heading" className="caretrust-section" data-testid="eligibility">
      <h2 id="eligibility-heading">Eligibility</h2>
      <p>
        {adult
          ? 'The three conditions of the Care and Support (Eligibility Criteria) Regulations 2015, from what is typed above.'
          : "The carers' rule (regulation 3), from what is typed above."}
      </p>
      <ul className="nhsuk-list">
        <Condition met={live.conditions.first} text={adult ? 'The needs arise from a physical or mental impairment or illness' : 'The needs arise from providing necessary care'} />
        <Condition
          met={live.conditions.second}
          text={
            adult
              ? `Unable to achieve two or more outcomes (now ${live.unableToAchieve.length})`
              : 'The carer’s health is at risk, or they cannot achieve an outcome'
          }
        />
        <Condition met={live.conditions.significantImpactOnWellbeing} text="A significant impact on wellbeing" />
      </ul>
      <div className={`nhsuk-card caretrust-verdict ${live.eligible ? 'caretrust-verdict--eligible' : ''}`} data-testid="eligibility-live">
        <div className="nhsuk-card__content">
          <p className="nhsuk-heading-s nhsuk-u-margin-bottom-1" aria-live="polite">
            {!live.complete ? 'Not decided yet: ' : ''}
            {live.eligible ? 'Eligible' : live.complete ? 'Not eligible' : 'not eligible on what is recorded so far'}
          </p>
          {!live.complete ? (
            <details className="nhsuk-details nhsuk-u-margin-bottom-0">
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">Still to record ({live.missing.length})</span>
              </summary>
              <div className="nhsuk-details__text">
                <ul>
                  {live.missing.map((m) => (
                    <li key={m}>{missingLabel(m)}</li>
                  ))}
                </ul>
              </div>
            </details>
          ) : null}
        </div>
      </div>
      {view.eligibilityComputed ? (
        <p className="nhsuk-body-s">At completion the rule gave: {view.eligibilityComputed.eligible ? 'eligible' : 'not eligible'}.</p>
      ) : null}
    </section>
  );
}

export function CompletedSummary({ view }: { view: Assessment }) {
  return (
    <section aria-labelledby="completed-heading" data-testid="assessment-completed">
      <h2 id="completed-heading">Completed</h2>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Decision</SummaryList.Key>
          <SummaryList.Value data-testid="eligibility-decision">
            {view.eligibilityDecision === 'eligible' ? 'Eligible' : view.eligibilityDecision === 'not_eligible' ? 'Not eligible' : 'No eligibility decision'}
          </SummaryList.Value>
        </SummaryList.Row>
        {view.overrideReason ? (
          <SummaryList.Row>
            <SummaryList.Key>Why the decision differs from the rule</SummaryList.Key>
            <SummaryList.Value>{view.overrideReason}</SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        {view.carerReturn ? (
          <>
            <SummaryList.Row>
              <SummaryList.Key>Client Level Data: carer</SummaryList.Key>
              <SummaryList.Value data-testid="carer-return">
                {view.carerReturn.clientType}; {view.carerReturn.primarySupportReason}
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Hours caring a week</SummaryList.Key>
              <SummaryList.Value>{view.carerReturn.totalHoursCaringPerWeek ?? 'Not recorded'}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Adults cared for</SummaryList.Key>
              <SummaryList.Value>{view.carerReturn.adultsCaredFor}</SummaryList.Value>
            </SummaryList.Row>
          </>
        ) : null}
        <SummaryList.Row>
          <SummaryList.Key>Assessment type</SummaryList.Key>
          <SummaryList.Value>{view.assessmentType ?? ''}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Outcome</SummaryList.Key>
          <SummaryList.Value>{view.outcome ?? ''}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Completed</SummaryList.Key>
          <SummaryList.Value>{view.completedAt ? formatDateTime(view.completedAt) : ''}</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
    </section>
  );
}

type Decision = 'eligible' | 'not_eligible' | 'none';

export function CompleteForm({
  view,
  live,
  versionRef,
  onCompleted,
}: {
  view: Assessment;
  live: LiveEligibility;
  versionRef: RefObject<number>;
  onCompleted: (done: Assessment) => void;
}) {
  const codes = useCodes();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const [outcome, setOutcome] = useState('Progress to support planning or services');
  const [errors, setErrors] = useState<{ decision?: string; overrideReason?: string; outcome?: string; form?: string }>({});
  const [attempt, setAttempt] = useState(0);
  const chosen: Decision = decision ?? (live.complete ? (live.eligible ? 'eligible' : 'not_eligible') : 'none');
  const differs = chosen !== 'none' && live.complete && (chosen === 'eligible') !== live.eligible;

  const complete = useMutation({
    mutationFn: () =>
      pathway.completeAssessment(view.id, {
        ...(chosen === 'none' ? {} : { eligibilityDecision: chosen }),
        ...(differs ? { overrideReason: overrideReason.trim() } : {}),
        outcome,
        version: versionRef.current ?? view.version,
      }),
    onSuccess: onCompleted,
    onError: (error) => {
      if (error instanceof ApiError) {
        const d = error.problemWith('eligibilityDecision', 'Decision');
        const o = error.problemWith('overrideReason', 'Reason');
        const out = error.problemWith('outcome', 'Outcome');
        setErrors({ decision: d, overrideReason: o, outcome: out, form: d || o || out ? undefined : error.message });
      } else setErrors({ form: 'The assessment could not be completed. Try again.' });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const next: typeof errors = {};
    if (chosen !== 'none' && !live.complete) next.decision = 'Record every fact the rule needs before deciding eligibility, or complete it without a decision';
    if (differs && overrideReason.trim().length < 10) next.overrideReason = 'Explain in at least 10 characters why your decision differs from the rule';
    setErrors(next);
    if (Object.keys(next).length === 0) complete.mutate();
  }

  const problems: FormProblem[] = [];
  if (errors.form) problems.push({ text: errors.form });
  if (errors.decision) problems.push({ href: '#complete-decision-eligible', text: errors.decision });
  if (errors.overrideReason) problems.push({ href: '#complete-override', text: errors.overrideReason });
  if (errors.outcome) problems.push({ href: '#complete-outcome', text: errors.outcome });

  return (
    <section aria-labelledby="complete-heading" data-testid="complete-assessment">
      <h2 id="complete-heading">Complete the assessment</h2>
      <FormErrorSummary problems={problems} attempt={attempt} />
      <Form onSubmit={onSubmit} noValidate>
        <Radios id="complete-decision" name="decision" legend="Your eligibility decision" legendProps={{ size: 's' }} hint={
            live.complete
              ? "The rule's answer is chosen for you; a different decision needs a reason."
              : 'A decision needs every fact the rule asks for (see Eligibility). Until then the assessment can be completed without one, as a short-term assessment.'
          } error={errors.decision}>
          <Radios.Item id="complete-decision-eligible" value="eligible" checked={chosen === 'eligible'} onChange={() => setDecision('eligible')}>
            Eligible
          </Radios.Item>
          <Radios.Item id="complete-decision-not-eligible" value="not_eligible" checked={chosen === 'not_eligible'} onChange={() => setDecision('not_eligible')}>
            Not eligible
          </Radios.Item>
          <Radios.Item id="complete-decision-none" value="none" checked={chosen === 'none'} onChange={() => setDecision('none')}>
            No eligibility decision (a short-term assessment)
          </Radios.Item>
        </Radios>
        {differs ? (
          <Textarea id="complete-override" name="overrideReason" label="Why your decision differs from the rule" labelProps={{ size: 's' }} rows={3} value={overrideReason} onChange={(e) => setOverrideReason(e.currentTarget.value)} error={errors.overrideReason} />
        ) : null}
        <Select id="complete-outcome" name="outcome" label="What happens next (outcome)" labelProps={{ size: 's' }} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} error={errors.outcome}>
          <CodeOptions list={codes?.eventOutcomes} chosen={outcome} />
        </Select>
        <Button type="submit" disabled={complete.isPending}>
          Complete assessment
        </Button>
      </Form>
    </section>
  );
}

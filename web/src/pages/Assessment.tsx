import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BackLink, Button, Form, Radios, Select, SummaryList, Textarea } from 'nhsuk-react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api';
import { computeEligibility, missingLabel, type Content, type LiveEligibility } from '../assessment/rules';
import { describeContent, SectionFields, sectionLabels, sectionOrder } from '../assessment/SectionFields';
import { useSectionEditor, type SaveStatus } from '../assessment/useSectionEditor';
import { useCodes } from '../codes';
import { FormErrorSummary, Loading, ProblemMessage, usePageTitle, type FormProblem } from '../components/common';
import { Confirmation, PersonLine, StatusTag } from '../components/pathway';
import { formatDate, formatDateTime, isoOf } from '../format';
import { pathway, type Assessment, type SectionView } from '../pathwayApi';
import { MakePlan } from './Plan';

export function AssessmentPage() {
  const { id = '' } = useParams();
  const assessment = useQuery({ queryKey: ['assessment', id], queryFn: () => pathway.assessment(id), staleTime: Infinity, refetchOnWindowFocus: false });
  if (assessment.isPending) return <Loading what="the assessment" />;
  if (assessment.isError) return <AssessmentProblem error={assessment.error} />;
  return <AssessmentForm key={id} initial={assessment.data} />;
}

function AssessmentProblem({ error }: { error: unknown }) {
  usePageTitle('Assessment', true);
  return (
    <>
      <BackLink asElement={Link} to="/">
        Back to your home page
      </BackLink>
      <h1>Assessment</h1>
      <ProblemMessage error={error} heading="The assessment could not be loaded" />
    </>
  );
}

const kindWords = (kind: string) => (kind === 'carer' ? "Carer's assessment" : 'Needs assessment');

function AssessmentForm({ initial }: { initial: Assessment }) {
  const queryClient = useQueryClient();
  const [view, setView] = useState(initial);
  const personName = view.person.name;
  usePageTitle(`${kindWords(view.kind)} – ${personName}`);
  const versionRef = useRef(view.version);
  const readOnly = view.status !== 'in_progress';
  const [contents, setContents] = useState<Record<string, Content | undefined>>(() =>
    Object.fromEntries(view.sections.map((s) => [s.section, s.content ?? undefined])),
  );
  const [completedNote, setCompletedNote] = useState<string | null>(null);

  const onSaved = useCallback((saved: { assessmentVersion: number }) => {
    versionRef.current = saved.assessmentVersion;
  }, []);
  const onContent = useCallback((section: string, content: Content) => setContents((c) => ({ ...c, [section]: content })), []);
  const live = useMemo(() => computeEligibility(view.kind, contents), [view.kind, contents]);
  const byName = new Map(view.sections.map((s) => [s.section, s]));

  return (
    <>
      <BackLink asElement={Link} to={`/people/${encodeURIComponent(view.personId)}`}>
        Back to {personName}'s record
      </BackLink>
      <span className="nhsuk-caption-l">{kindWords(view.kind)}</span>
      <h1 data-testid="assessment-heading">Assessment of {personName}</h1>
      <PersonLine person={view.person} testId="assessment-person">
        {view.caredFor ? (
          <>
            {' '}
            Caring for <Link to={`/people/${encodeURIComponent(view.caredFor.id)}`}>{view.caredFor.name}</Link>.
          </>
        ) : null}
      </PersonLine>
      <p data-testid="assessment-status">
        <StatusTag status={view.status} /> Started {formatDate(view.startedAt)}
        {view.completedAt ? `, completed ${formatDateTime(view.completedAt)}` : ''}.
      </p>
      <Confirmation testId="assessment-confirmation">{completedNote}</Confirmation>
      {!readOnly ? (
        <p className="nhsuk-body-s">
          One form for everyone who assesses: each section shows who wrote it last. What you type is saved as you go, and
          kept on this device until it is, so a reload or an ended session loses nothing.
        </p>
      ) : null}

      <nav aria-label="Sections of the assessment" className="caretrust-contents">
        <h2 className="nhsuk-heading-s">Sections</h2>
        <ol className="nhsuk-list">
          {sectionOrder.map((s) => (
            <li key={s}>
              <a href={`#section-${s}`}>{sectionLabels[s]}</a>
            </li>
          ))}
          <li>
            <a href="#eligibility">Eligibility</a>
          </li>
        </ol>
      </nav>

      {sectionOrder.map((s) => (
        <SectionEditor
          key={s}
          assessmentId={view.id}
          section={s}
          kind={view.kind}
          server={byName.get(s)}
          readOnly={readOnly}
          onSaved={onSaved}
          onContent={onContent}
        />
      ))}

      <EligibilityPanel live={live} view={view} />
      {readOnly ? (
        <>
          <CompletedSummary view={view} />
          {view.status === 'completed' && view.eligibilityDecision === 'eligible' ? <PlanOfAssessment assessment={view} /> : null}
        </>
      ) : (
        <CompleteForm
          view={view}
          live={live}
          versionRef={versionRef}
          onCompleted={(done) => {
            setView(done);
            queryClient.setQueryData(['assessment', done.id], done);
            void queryClient.invalidateQueries({ queryKey: ['assessments', 'person', done.personId] });
            void queryClient.invalidateQueries({ queryKey: ['timeline', done.personId] });
            setCompletedNote(
              `The assessment is complete${done.eligibilityDecision === 'eligible' ? ': eligible for care and support' : done.eligibilityDecision === 'not_eligible' ? ': not eligible' : ''}.`,
            );
            window.scrollTo(0, 0);
          }}
        />
      )}
    </>
  );
}

function statusText(status: SaveStatus): string {
  switch (status.kind) {
    case 'pending':
      return 'Not saved yet…';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${formatDateTime(status.at).split(' at ')[1] ?? ''}`;
    case 'waiting':
      return `Not saved yet: ${status.message}`;
    case 'error':
      return `Not saved: ${status.message}`;
    case 'conflict':
      return 'Not saved: someone else saved this section first. Compare and merge below.';
    default:
      return '';
  }
}

function SectionEditor({
  assessmentId,
  section,
  kind,
  server,
  readOnly,
  onSaved,
  onContent,
}: {
  assessmentId: string;
  section: string;
  kind: string;
  server: SectionView | undefined;
  readOnly: boolean;
  onSaved: (s: { assessmentVersion: number }) => void;
  onContent: (section: string, content: Content) => void;
}) {
  const editor = useSectionEditor({ assessmentId, section, server, readOnly, onSaved });
  const { change, content } = editor;
  // The live eligibility reads what each editor shows, a restored draft included.
  useEffect(() => onContent(section, content), [onContent, section, content]);
  const label = sectionLabels[section] ?? section;
  const headingId = `section-${section}-heading`;

  if (server?.withheld) {
    return (
      <section id={`section-${section}`} aria-labelledby={headingId} className="caretrust-section" data-testid={`section-${section}`}>
        <h2 id={headingId}>{label}</h2>
        <p>Withheld because of the person's sharing preferences: it was written in {server.sector.replace('_', ' ')}.</p>
      </section>
    );
  }

  return (
    <section id={`section-${section}`} aria-labelledby={headingId} className="caretrust-section" data-testid={`section-${section}`}>
      <h2 id={headingId}>{label}</h2>
      <p className="caretrust-section__author" data-testid={`section-${section}-author`}>
        {editor.author && editor.updatedAt ? (
          <>
            Last saved by {editor.author.name} ({editor.author.roleLabel.toLowerCase()}),{' '}
            <time dateTime={isoOf(editor.updatedAt)}>{formatDateTime(editor.updatedAt)}</time>
          </>
        ) : (
          'Not started'
        )}
      </p>
      {editor.restoredAt ? (
        <div className="nhsuk-inset-text" data-testid={`section-${section}-restored`}>
          <p>
            This section has typing from <time dateTime={isoOf(editor.restoredAt)}>{formatDateTime(editor.restoredAt)}</time> that was
            not saved. It is shown below.
          </p>
          <div className="caretrust-button-row">
            <Button type="button" secondary small onClick={() => void editor.save()}>
              Save it now<span className="nhsuk-u-visually-hidden">: {label}</span>
            </Button>
            <Button type="button" secondary small onClick={editor.discardRestored}>
              Discard it<span className="nhsuk-u-visually-hidden">: {label}</span>
            </Button>
          </div>
        </div>
      ) : null}
      {editor.conflict ? (
        <div className="nhsuk-warning-callout" data-testid={`section-${section}-conflict`}>
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {editor.conflict.author?.name ?? 'Someone'} saved a newer version
            </span>
          </h3>
          <p>
            {editor.conflict.author ? `${editor.conflict.author.name} (${editor.conflict.author.roleLabel.toLowerCase()})` : 'Someone'} saved this
            section{editor.conflict.updatedAt ? ` at ${formatDateTime(editor.conflict.updatedAt)}` : ''} while you were typing. Their text:
          </p>
          <dl className="caretrust-theirs" data-testid={`section-${section}-theirs`}>
            {describeContent(editor.conflict.content).map((f) => (
              <div key={f.field}>
                <dt>{f.field}</dt>
                <dd>{f.text}</dd>
              </div>
            ))}
          </dl>
          <p>Your text is still in the form below. Choose how to go on:</p>
          <div className="caretrust-button-row">
            <Button type="button" small onClick={() => editor.resolve('merge')}>
              Add their text to mine
            </Button>
            <Button type="button" secondary small onClick={() => editor.resolve('mine')}>
              Save mine over theirs
            </Button>
            <Button type="button" secondary small onClick={() => editor.resolve('theirs')}>
              Use theirs
            </Button>
          </div>
        </div>
      ) : null}
      <fieldset className="nhsuk-fieldset caretrust-section__fields" disabled={readOnly}>
        <legend className="nhsuk-u-visually-hidden">{label}</legend>
        <SectionFields section={section} kind={kind} content={editor.content} change={change} />
      </fieldset>
      {!readOnly ? (
        <div className="caretrust-save-row">
          <p className="nhsuk-body-s caretrust-save-status" role="status" aria-live="polite" data-testid={`section-${section}-status`}>
            {statusText(editor.status)}
          </p>
          {editor.status.kind === 'waiting' && !editor.conflict ? (
            <Button type="button" secondary small onClick={() => void editor.save()}>
              Save {label.charAt(0).toLowerCase() + label.slice(1)}
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Condition({ met, text }: { met: boolean; text: string }) {
  return (
    <li className={met ? 'caretrust-condition caretrust-condition--met' : 'caretrust-condition'}>
      <strong>{met ? 'Met' : 'Not met'}:</strong> {text}
    </li>
  );
}

function EligibilityPanel({ live, view }: { live: LiveEligibility; view: Assessment }) {
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

function CompletedSummary({ view }: { view: Assessment }) {
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

function CompleteForm({
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
          {(codes?.eventOutcomes ?? [{ code: outcome, label: outcome }]).map((o) => (
            <Select.Option key={o.code} value={o.code}>
              {o.label}
            </Select.Option>
          ))}
        </Select>
        <Button type="submit" disabled={complete.isPending}>
          Complete assessment
        </Button>
      </Form>
    </section>
  );
}

/** The plan made from this assessment, or the form to make it. */
function PlanOfAssessment({ assessment }: { assessment: Assessment }) {
  const plans = useQuery({ queryKey: ['plans', 'person', assessment.personId], queryFn: () => pathway.plansOf(assessment.personId), retry: false });
  if (plans.isPending) return <Loading what="the care and support plan" />;
  if (plans.isError) return null;
  const plan = plans.data.plans.find((p) => p.assessmentId === assessment.id && p.status === 'active');
  if (plan) {
    return (
      <section aria-labelledby="plan-link-heading">
        <h2 id="plan-link-heading">Care and support plan</h2>
        <p>
          <Link to={`/plans/${encodeURIComponent(plan.id)}`}>Open the care and support plan made from this assessment</Link>
        </p>
      </section>
    );
  }
  return <MakePlan assessment={assessment} />;
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { BackLink, Button } from 'nhsuk-react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { computeEligibility, type Content } from '../assessment/rules';
import { describeContent, SectionFields } from '../assessment/SectionFields';
import { useSectionEditor, type SaveStatus } from '../assessment/useSectionEditor';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { Confirmation, PersonLine, StatusTag } from '../components/pathway';
import { formatDate, formatDateTime, isoOf } from '../format';
import { pathway, type Assessment, type SectionView } from '../pathwayApi';
import { MakePlan } from './Plan';
import { useCodes, type Code } from '../codes';
import { CompletedSummary, CompleteForm, EligibilityPanel } from '../components/AssessmentCompletion';

export function AssessmentPage() {
  const { id = '' } = useParams();
  const assessment = useQuery({ queryKey: ['assessment', id], queryFn: () => pathway.assessment(id), staleTime: Infinity, refetchOnWindowFocus: false });
  // The form's sections, in order and with their names, are the server's (GET /api/codes).
  const sections = useCodes()?.assessmentSections;
  if (assessment.isPending || (!sections && !assessment.isError)) return <Loading what="the assessment" />;
  if (assessment.isError) return <AssessmentProblem error={assessment.error} />;
  return <AssessmentForm key={id} initial={assessment.data} sections={sections!} />;
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

function AssessmentForm({ initial, sections }: { initial: Assessment; sections: Code[] }) {
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
          {sections.map((s) => (
            <li key={s.code}>
              <a href={`#section-${s.code}`}>{s.label}</a>
            </li>
          ))}
          <li>
            <a href="#eligibility">Eligibility</a>
          </li>
        </ol>
      </nav>

      {sections.map((s) => (
        <SectionEditor
          key={s.code}
          assessmentId={view.id}
          section={s.code}
          label={s.label}
          kind={view.kind}
          server={byName.get(s.code)}
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
  label,
  kind,
  server,
  readOnly,
  onSaved,
  onContent,
}: {
  assessmentId: string;
  section: string;
  label: string;
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

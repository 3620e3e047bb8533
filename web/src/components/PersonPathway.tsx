import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkboxes, Table, Tag } from 'nhsuk-react-components';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../api';
import { useCodes, useLabels } from '../codes';
import { formatDate, formatDateTime, isoOf, pluralise } from '../format';
import { pathway, type MdtAction, type TimelineItem } from '../pathwayApi';
import { ProblemMessage } from './common';
import { StatusTag, UrgencyTag } from './pathway';

/**
 * Where a timeline entry leads: the page of what it is about (a service line opens its plan, an
 * MDT action its meeting); nothing for a record without a page of its own.
 */
function linkOf(item: TimelineItem): string | null {
  const id = item.subjectId ? encodeURIComponent(item.subjectId) : null;
  const parent = item.parent ? encodeURIComponent(item.parent.id) : null;
  switch (item.subjectType) {
    case 'referral':
      return id && `/referrals/${id}`;
    case 'assessment':
      return id && `/assessments/${id}`;
    case 'plan':
      return id && `/plans/${id}`;
    case 'service_line':
      return item.parent?.type === 'plan' ? `/plans/${parent}` : null;
    case 'mdt_meeting':
      return id && `/mdt/${id}`;
    case 'mdt_action':
      return item.parent?.type === 'mdt_meeting' ? `/mdt/${parent}` : null;
    default:
      return null;
  }
}

/** The person's story across health and social care, newest first, filtered by what it is about. */
export function PersonTimeline({ personId }: { personId: string }) {
  const codes = useCodes();
  const kindLabel = useLabels('timelineKinds');
  const sectorLabel = useLabels('sectors');
  const subjects = (codes?.timelineSubjects ?? []).map((s) => s.code);
  const [chosen, setChosen] = useState<string[]>([]);
  const timeline = useQuery({
    queryKey: ['timeline', personId, chosen.join(',')],
    queryFn: () => pathway.timeline(personId, chosen),
    placeholderData: keepPreviousData,
  });
  const toggle = (subject: string, on: boolean) =>
    setChosen((cs) => (on ? subjects.filter((s) => s === subject || cs.includes(s)) : cs.filter((s) => s !== subject)));

  return (
    <section aria-labelledby="timeline-heading" data-testid="timeline">
      <h2 id="timeline-heading">Timeline</h2>
      <details className="nhsuk-details" open={chosen.length > 0 || undefined}>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Filter by kind{chosen.length ? ` (${chosen.length} chosen)` : ''}</span>
        </summary>
        <div className="nhsuk-details__text">
          {codes ? (
            <Checkboxes id="timeline-kind" name="kind" legend="Show only" legendProps={{ size: 's' }} hint="Choose none to see everything." small>
              {codes.timelineSubjects.map((s) => (
                <Checkboxes.Item key={s.code} id={`timeline-kind-${s.code}`} value={s.code} checked={chosen.includes(s.code)} onChange={(e) => toggle(s.code, e.currentTarget.checked)}>
                  {s.label}
                </Checkboxes.Item>
              ))}
            </Checkboxes>
          ) : (
            <p role="status">Loading the choices…</p>
          )}
        </div>
      </details>
      {timeline.isError ? (
        <ProblemMessage error={timeline.error} heading="The timeline could not be loaded" />
      ) : !timeline.data ? (
        <p role="status">Loading the timeline…</p>
      ) : (
        <>
          {timeline.data.withheld > 0 ? (
            <div className="nhsuk-inset-text" data-testid="timeline-withheld">
              <p>
                {pluralise(timeline.data.withheld, 'entry', 'entries')} withheld because of the person's sharing preferences.
              </p>
            </div>
          ) : null}
          <p className="nhsuk-u-visually-hidden" role="status">
            {pluralise(timeline.data.items.length, 'entry', 'entries')} shown.
          </p>
          {timeline.data.items.length === 0 ? (
            <p data-testid="timeline-empty">{chosen.length ? 'Nothing of these kinds recorded.' : 'Nothing recorded yet.'}</p>
          ) : (
            <ol className="caretrust-timeline" data-testid="timeline-list">
              {timeline.data.items.map((item, i) => {
                const to = linkOf(item);
                return (
                  <li key={`${item.at}-${i}`} className="caretrust-timeline__item" data-testid="timeline-item" data-kind={item.kind} data-subject={item.subjectType ?? ''} data-action={item.action}>
                    <p className="caretrust-timeline__when">
                      <time dateTime={isoOf(item.at)}>{formatDateTime(item.at)}</time>
                      <span className="caretrust-timeline__kind"> · {kindLabel(item.kind)}</span>
                    </p>
                    <p className="caretrust-timeline__what">{to ? <Link to={to}>{item.summary}</Link> : item.summary}</p>
                    <p className="caretrust-timeline__who">
                      {item.by || 'Caretrust'}
                      {item.sector ? `, ${sectorLabel(item.sector).toLowerCase()}` : ''}
                    </p>
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

/** The person's referrals the viewer may see (the front door sees all, a team its own). */
export function PersonReferrals({ personId }: { personId: string }) {
  const referrals = useQuery({ queryKey: ['referrals', 'person', personId], queryFn: () => pathway.referrals({ personId, limit: 50 }) });
  return (
    <section aria-labelledby="referrals-heading" data-testid="person-referrals">
      <h2 id="referrals-heading">Referrals</h2>
      {referrals.isPending ? (
        <p role="status">Loading referrals…</p>
      ) : referrals.isError ? (
        <ProblemMessage error={referrals.error} heading="The referrals could not be loaded" />
      ) : referrals.data.referrals.length === 0 ? (
        <p>No referrals you can see.</p>
      ) : (
        <Table caption="Referrals, newest first" captionProps={{ className: 'nhsuk-u-visually-hidden' }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Received</Table.Cell>
              <Table.Cell>From</Table.Cell>
              <Table.Cell>Reason</Table.Cell>
              <Table.Cell>Status</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {[...referrals.data.referrals]
              .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
              .map((r) => (
                <Table.Row key={r.id}>
                  <Table.Cell>
                    <Link to={`/referrals/${encodeURIComponent(r.id)}`}>{formatDateTime(r.receivedAt)}</Link>
                  </Table.Cell>
                  <Table.Cell>{r.sourceLabel}</Table.Cell>
                  <Table.Cell>
                    <span className="caretrust-clamp">{r.reason}</span>
                  </Table.Cell>
                  <Table.Cell>
                    <StatusTag status={r.status} /> <UrgencyTag urgency={r.urgency} />
                  </Table.Cell>
                </Table.Row>
              ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

/** The person's assessments, and a way to start one (or find the one in progress). */
export function PersonAssessments({ personId, canStart }: { personId: string; canStart: boolean }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<unknown>(null);
  const assessments = useQuery({ queryKey: ['assessments', 'person', personId], queryFn: () => pathway.assessmentsOf(personId), retry: false });
  const start = useMutation({
    mutationFn: () => pathway.startAssessment({ personId, kind: 'needs' }),
    onSuccess: async (a) => {
      await queryClient.invalidateQueries({ queryKey: ['assessments', 'person', personId] });
      navigate(`/assessments/${encodeURIComponent(a.id)}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409 && typeof error.body.existingId === 'string') {
        navigate(`/assessments/${encodeURIComponent(error.body.existingId)}`);
        return;
      }
      setProblem(error);
    },
  });
  if (assessments.isError && assessments.error instanceof ApiError && assessments.error.status === 404) return null;

  return (
    <section aria-labelledby="assessments-heading" data-testid="person-assessments">
      <h2 id="assessments-heading">Assessments</h2>
      {problem ? <ProblemMessage error={problem} heading="The assessment could not be started" /> : null}
      {assessments.isPending ? (
        <p role="status">Loading assessments…</p>
      ) : assessments.isError ? (
        <ProblemMessage error={assessments.error} heading="The assessments could not be loaded" />
      ) : assessments.data.assessments.length === 0 ? (
        <p>No assessments yet.</p>
      ) : (
        <Table caption="Assessments, newest first" captionProps={{ className: 'nhsuk-u-visually-hidden' }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Started</Table.Cell>
              <Table.Cell>Kind</Table.Cell>
              <Table.Cell>Status</Table.Cell>
              <Table.Cell>Eligibility</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {assessments.data.assessments.map((a) => (
              <Table.Row key={a.id} data-testid="assessment-row">
                <Table.Cell>
                  <Link to={`/assessments/${encodeURIComponent(a.id)}`}>{formatDate(a.startedAt)}</Link>
                </Table.Cell>
                <Table.Cell>{a.kind === 'carer' ? "Carer's assessment" : 'Needs assessment'}</Table.Cell>
                <Table.Cell>
                  <StatusTag status={a.status} />
                </Table.Cell>
                <Table.Cell>
                  {a.eligibilityDecision === 'eligible' ? 'Eligible' : a.eligibilityDecision === 'not_eligible' ? 'Not eligible' : a.status === 'completed' ? 'No decision' : 'Not decided yet'}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {canStart ? (
        <Button type="button" secondary onClick={() => start.mutate()} disabled={start.isPending}>
          Start or continue a needs assessment
        </Button>
      ) : null}
    </section>
  );
}

/** MDT actions about a person: open ones first, the overdue ones flagged, each with its owner. */
export function MdtActionsTable({ actions, showPerson = false, caption }: { actions: MdtAction[]; showPerson?: boolean; caption: string }) {
  const queryClient = useQueryClient();
  const done = useMutation({
    mutationFn: (id: string) => pathway.completeMdtAction(id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['mdt-actions'] });
    },
  });
  const sorted = [...actions].sort((a, b) => Number(a.done) - Number(b.done) || a.dueOn.localeCompare(b.dueOn));
  return (
    <>
      {done.isError ? <ProblemMessage error={done.error} heading="The action could not be marked done" /> : null}
      <Table caption={caption} captionProps={{ className: 'nhsuk-u-visually-hidden' }} data-testid="mdt-actions">
        <Table.Head>
          <Table.Row>
            <Table.Cell>Due</Table.Cell>
            {showPerson ? <Table.Cell>Person</Table.Cell> : null}
            <Table.Cell>Action</Table.Cell>
            <Table.Cell>Owner</Table.Cell>
            <Table.Cell>Status</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {sorted.map((a) => (
            <Table.Row key={a.id} data-testid="mdt-action" data-overdue={a.overdue ? 'true' : 'false'}>
              <Table.Cell>{formatDate(a.dueOn)}</Table.Cell>
              {showPerson ? (
                <Table.Cell>
                  <Link to={`/people/${encodeURIComponent(a.person.id)}`}>{a.person.name}</Link>
                </Table.Cell>
              ) : null}
              <Table.Cell>{a.description}</Table.Cell>
              <Table.Cell>{a.owner.name}</Table.Cell>
              <Table.Cell>
                {a.done ? (
                  <Tag modifier="green">Done</Tag>
                ) : (
                  <>
                    {a.overdue ? <Tag modifier="red">Overdue</Tag> : <Tag modifier="blue">Open</Tag>}{' '}
                    <button type="button" className="caretrust-link-button" onClick={() => done.mutate(a.id)} disabled={done.isPending}>
                      Mark done<span className="nhsuk-u-visually-hidden">: {a.description}</span>
                    </button>
                  </>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </>
  );
}

export function PersonMdtActions({ personId }: { personId: string }) {
  const actions = useQuery({ queryKey: ['mdt-actions', 'person', personId], queryFn: () => pathway.mdtActionsOf(personId), retry: false });
  if (actions.isError && actions.error instanceof ApiError && actions.error.status === 404) return null;
  const overdue = actions.data?.actions.filter((a) => a.overdue && !a.done).length ?? 0;
  return (
    <section aria-labelledby="mdt-heading" data-testid="person-mdt-actions">
      <h2 id="mdt-heading">MDT actions</h2>
      {actions.isPending ? (
        <p role="status">Loading MDT actions…</p>
      ) : actions.isError ? (
        <ProblemMessage error={actions.error} heading="The MDT actions could not be loaded" />
      ) : actions.data.actions.length === 0 ? (
        <p>No actions from MDT meetings.</p>
      ) : (
        <>
          {overdue > 0 ? (
            <div className="nhsuk-warning-callout" data-testid="mdt-overdue">
              <h3 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>
                  {pluralise(overdue, 'MDT action')} overdue
                </span>
              </h3>
              <p>Actions agreed at a team meeting about this person are past their due date.</p>
            </div>
          ) : null}
          <MdtActionsTable actions={actions.data.actions} caption="MDT actions about this person" />
        </>
      )}
    </section>
  );
}

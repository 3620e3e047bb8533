import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkboxes, Table } from 'nhsuk-react-components';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../api';
import { formatDate, formatDateTime, isoOf, pluralise, sectorLabel, timelineKindLabel } from '../format';
import { pathway, timelineKinds, type TimelineItem } from '../pathwayApi';
import { ProblemMessage } from './common';
import { StatusTag, UrgencyTag } from './pathway';

/** Where a timeline entry leads, when it is about something with a page of its own. */
function linkOf(item: TimelineItem): string | null {
  if (!item.subjectId) return null;
  const id = encodeURIComponent(item.subjectId);
  if (item.kind === 'referral' || item.kind === 'triage' || item.kind === 'allocation') return `/referrals/${id}`;
  if (item.kind === 'assessment' || item.kind === 'eligibility') return `/assessments/${id}`;
  if (item.kind === 'plan' || item.kind === 'package') return `/plans/${id}`;
  return null;
}

/** The person's story across health and social care, newest first, filtered by kind. */
export function PersonTimeline({ personId }: { personId: string }) {
  const [kinds, setKinds] = useState<string[]>([]);
  const timeline = useQuery({
    queryKey: ['timeline', personId, kinds.join(',')],
    queryFn: () => pathway.timeline(personId, kinds),
    placeholderData: keepPreviousData,
  });
  const toggle = (kind: string, on: boolean) =>
    setKinds((ks) => (on ? timelineKinds.filter((k) => k === kind || ks.includes(k)) : ks.filter((k) => k !== kind)));

  return (
    <section aria-labelledby="timeline-heading" data-testid="timeline">
      <h2 id="timeline-heading">Timeline</h2>
      <details className="nhsuk-details" open={kinds.length > 0 || undefined}>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Filter by kind{kinds.length ? ` (${kinds.length} chosen)` : ''}</span>
        </summary>
        <div className="nhsuk-details__text">
          <Checkboxes id="timeline-kind" name="kind" legend="Show only" legendProps={{ size: 's' }} hint="Choose none to see everything." small>
            {timelineKinds.map((k) => (
              <Checkboxes.Item key={k} id={`timeline-kind-${k}`} value={k} checked={kinds.includes(k)} onChange={(e) => toggle(k, e.currentTarget.checked)}>
                {timelineKindLabel(k)}
              </Checkboxes.Item>
            ))}
          </Checkboxes>
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
            <p data-testid="timeline-empty">{kinds.length ? 'Nothing of these kinds recorded.' : 'Nothing recorded yet.'}</p>
          ) : (
            <ol className="caretrust-timeline" data-testid="timeline-list">
              {timeline.data.items.map((item, i) => {
                const to = linkOf(item);
                return (
                  <li key={`${item.at}-${i}`} className="caretrust-timeline__item" data-testid="timeline-item" data-kind={item.kind} data-action={item.action}>
                    <p className="caretrust-timeline__when">
                      <time dateTime={isoOf(item.at)}>{formatDateTime(item.at)}</time>
                      <span className="caretrust-timeline__kind"> · {timelineKindLabel(item.kind)}</span>
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

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Table, Tag } from 'nhsuk-react-components';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDate, formatPounds, pluralise } from '../format';
import { pathway, type ListedServiceLine } from '../pathwayApi';
import { Loading, ProblemMessage } from './common';
import { Confirmation } from './pathway';
import { MdtActionsTable } from './PersonPathway';

/** The signed-in worker's open MDT actions, the overdue ones first and flagged. */
export function MyMdtActions() {
  const actions = useQuery({ queryKey: ['mdt-actions', 'mine'], queryFn: () => pathway.myMdtActions(), retry: false });
  if (actions.isError) return null;
  const overdue = actions.data?.actions.filter((a) => a.overdue).length ?? 0;
  return (
    <section aria-labelledby="my-actions-heading" data-testid="my-mdt-actions">
      <h2 id="my-actions-heading">Your MDT actions</h2>
      {actions.isPending ? (
        <Loading what="your MDT actions" />
      ) : actions.data.actions.length === 0 ? (
        <p>You have no open actions from MDT meetings.</p>
      ) : (
        <>
          <p data-testid="my-mdt-overdue">
            {overdue ? <strong>{pluralise(overdue, 'action')} overdue. </strong> : null}
            {pluralise(actions.data.actions.length, 'open action')} in all.
          </p>
          <MdtActionsTable actions={actions.data.actions} showPerson caption="Your open MDT actions" />
        </>
      )}
    </section>
  );
}

/**
 * Services proposed and waiting for approval: for a team manager, those of the team's caseload;
 * for a funding panel (a commissioner), those of the whole place, without whom they are for. Each
 * says whether this user may approve it within their limit; those they may are approved here.
 */
export function ApprovalsWaiting({ teamId, panel = false }: { teamId?: string; panel?: boolean }) {
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const waiting = useQuery({
    queryKey: ['service-lines', 'proposed', teamId ?? 'place', offset],
    queryFn: () => pathway.serviceLines({ status: 'proposed', teamId, limit: 20, offset }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const approve = useMutation({
    mutationFn: (l: ListedServiceLine) => pathway.approveLine(l.id, l.version),
    onSuccess: async (c) => {
      setDone(`${c.component}, ${c.provider.name} approved. The plan now costs ${formatPounds(c.planCost.committedWeeklyPence)} a week.`);
      await queryClient.invalidateQueries({ queryKey: ['service-lines'] });
    },
  });
  if (waiting.isError && !panel) return <ProblemMessage error={waiting.error} heading="The services waiting for approval could not be loaded" />;
  if (waiting.isError) return null;
  const data = waiting.data;
  return (
    <section aria-labelledby="approvals-heading" data-testid="approvals-waiting">
      <h2 id="approvals-heading">Services waiting for approval</h2>
      <p>
        {panel
          ? 'Services proposed anywhere in the place, with their cost and team. You approve within your limit'
          : "Services proposed for people on your team's caseload. You approve within your limit"}
        {data ? ` of ${formatPounds(data.approvalLimit.weeklyPence)} a week for a plan` : ''}; someone else approves their own proposals.
      </p>
      <Confirmation testId="approvals-confirmation">{done}</Confirmation>
      {approve.isError ? <ProblemMessage error={approve.error} heading="The service could not be approved" /> : null}
      {!data ? (
        <Loading what="the services waiting for approval" />
      ) : data.lines.length === 0 ? (
        <p>No services are waiting for approval.</p>
      ) : (
        <>
          <Table caption={`${pluralise(data.total, 'service')} waiting for approval`} captionProps={{ size: 's' }}>
            <Table.Head>
              <Table.Row>
                <Table.Cell>{panel ? 'Team' : 'Person'}</Table.Cell>
                <Table.Cell>Service</Table.Cell>
                <Table.Cell>Cost</Table.Cell>
                <Table.Cell>Planned start</Table.Cell>
                <Table.Cell>Approval</Table.Cell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {data.lines.map((l) => (
                <Table.Row key={l.id} data-testid="approval-row" data-line-id={l.id}>
                  <Table.Cell>
                    {l.person ? <Link to={`/plans/${encodeURIComponent(l.planId)}`}>{l.person.name}</Link> : (l.team?.name ?? 'No open case')}
                  </Table.Cell>
                  <Table.Cell>
                    {l.component}, {l.provider.name}
                  </Table.Cell>
                  <Table.Cell>{l.frequency === 'one_off' ? `${formatPounds(l.oneOffCostPence)} once` : `${formatPounds(l.weeklyCostPence)} a week`}</Table.Cell>
                  <Table.Cell>{formatDate(l.plannedStart)}</Table.Cell>
                  <Table.Cell>
                    {l.approval?.mayApprove ? (
                      <button type="button" className="caretrust-link-button" onClick={() => approve.mutate(l)} disabled={approve.isPending}>
                        Approve<span className="nhsuk-u-visually-hidden"> {l.component} for {l.person?.name ?? l.team?.name ?? 'this plan'}</span>
                      </button>
                    ) : (
                      <span className="caretrust-secondary">{l.approval?.reason === 'own_proposal' ? 'Your own proposal' : 'Above your limit'}</span>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {data.withheld ? <p>{pluralise(data.withheld, 'service')} withheld because of people's sharing preferences.</p> : null}
          <div className="caretrust-button-row">
            {data.offset > 0 ? (
              <Button type="button" secondary onClick={() => setOffset(Math.max(0, data.offset - data.limit))}>
                Previous
              </Button>
            ) : null}
            {data.nextOffset !== null ? (
              <Button type="button" secondary onClick={() => setOffset(data.nextOffset ?? 0)}>
                Next
              </Button>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}

/**
 * The 28-day measure for the people a practitioner may open: packages still awaited, with a
 * warning from day 21 and a breach after day 28.
 */
export function PackagesAwaited() {
  const measure = useQuery({ queryKey: ['measures', '28-days', 'person'], queryFn: () => pathway.packageIn28Days(), retry: false, staleTime: 60_000 });
  if (measure.isError || measure.isPending) return null;
  const open = measure.data.rows.filter((r) => !r.inPlace).sort((a, b) => b.days - a.days);
  return (
    <section aria-labelledby="awaited-heading" data-testid="packages-awaited">
      <h2 id="awaited-heading">Packages awaited</h2>
      {open.length === 0 ? (
        <p>No package is awaited: every eligible assessment you can see has its package in place.</p>
      ) : (
        <Table caption="Eligible assessments whose package is not in place yet, longest waiting first" captionProps={{ size: 's' }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Person</Table.Cell>
              <Table.Cell>Assessment completed</Table.Cell>
              <Table.Cell format="numeric">Days</Table.Cell>
              <Table.Cell>28 days</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {open.map((r) => (
              <Table.Row key={r.assessmentId}>
                <Table.Cell>{r.person.id ? <Link to={`/people/${encodeURIComponent(r.person.id)}`}>{r.person.name}</Link> : r.person.name}</Table.Cell>
                <Table.Cell>
                  <Link to={`/assessments/${encodeURIComponent(r.assessmentId)}`}>{formatDate(r.completedOn)}</Link>
                </Table.Cell>
                <Table.Cell format="numeric">{r.days}</Table.Cell>
                <Table.Cell>
                  {r.status === 'breached' ? (
                    <Tag modifier="red">Breached</Tag>
                  ) : r.warning ? (
                    <Tag modifier="orange">{`Warning: ${pluralise(r.daysLeft ?? 28 - r.days, 'day')} left`}</Tag>
                  ) : (
                    <Tag modifier="blue">{`${pluralise(r.daysLeft ?? 28 - r.days, 'day')} left`}</Tag>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

/** The team's share of packages in place within 28 days (managers, commissioners and the board). */
export function TeamTwentyEightDays({ teamId }: { teamId: string }) {
  const measure = useQuery({
    queryKey: ['measures', '28-days', 'team', teamId],
    queryFn: () => pathway.packageIn28DaysBy('team', { teamId }),
    retry: false,
    staleTime: 60_000,
  });
  if (!measure.data) return null;
  const row = measure.data.rows.find((r) => r.key.id === teamId);
  if (!row) return null;
  return (
    <section aria-labelledby="team-28-heading" data-testid="team-28-days">
      <h2 id="team-28-heading">Packages in place within 28 days</h2>
      <p>
        From {formatDate(measure.data.from)} to {formatDate(measure.data.to)}:{' '}
        <strong>
          {row.withinTarget} of {pluralise(row.assessments, 'eligible assessment')}
          {row.percentWithin !== null ? ` (${row.percentWithin}%)` : ''}
        </strong>{' '}
        had the package in place within 28 days. {pluralise(row.breached, 'breach', 'breaches')}
        {row.breachedStillOpen ? `, ${row.breachedStillOpen} still awaited` : ''}; {pluralise(row.stillOpen, 'package')} awaited now
        {row.warnings ? `, ${pluralise(row.warnings, 'warning')} (21 days or more)` : ''}.
      </p>
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Button, Table, Tag } from 'nhsuk-react-components';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDate, formatPounds, pluralise } from '../format';
import { pathway, type Plan, type ServiceLine } from '../pathwayApi';
import { Loading, ProblemMessage } from './common';
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

type Waiting = { plan: Plan; line: ServiceLine; personName: string };

/**
 * Services proposed and waiting for approval, found on the people of the manager's team caseload.
 * The API has no list of lines by status yet, so this reads each person's plans: it runs only when
 * asked, and for at most the first 60 people, so it neither slows the home page nor fills the
 * audit log with reads nobody asked for.
 */
export function ApprovalsWaiting({ teamId }: { teamId: string }) {
  const [asked, setAsked] = useState(false);
  const scan = useQuery({
    queryKey: ['approvals-waiting', teamId],
    enabled: asked,
    staleTime: 60_000,
    queryFn: async () => {
      const caseload = await pathway.caseload({ teamId });
      const people = [...new Map(caseload.cases.map((c) => [c.person.id, c.person.name])).entries()].slice(0, 60);
      const found: Waiting[] = [];
      for (let i = 0; i < people.length; i += 6) {
        const batch = await Promise.all(
          people.slice(i, i + 6).map(async ([id, name]) => {
            try {
              const { plans } = await pathway.plansOf(id);
              return plans.flatMap((plan) => plan.lines.filter((l) => l.status === 'proposed').map((line) => ({ plan, line, personName: name })));
            } catch {
              return [];
            }
          }),
        );
        found.push(...batch.flat());
      }
      return { found, looked: people.length, cases: caseload.cases.length };
    },
  });
  return (
    <section aria-labelledby="approvals-heading" data-testid="approvals-waiting">
      <h2 id="approvals-heading">Services waiting for your approval</h2>
      {!asked ? (
        <>
          <p>Find the services proposed for people on your team's caseload that need a manager's approval.</p>
          <Button type="button" secondary onClick={() => setAsked(true)}>
            Find services waiting for approval
          </Button>
        </>
      ) : scan.isPending ? (
        <Loading what="the services waiting for approval" />
      ) : scan.isError ? (
        <ProblemMessage error={scan.error} />
      ) : scan.data.found.length === 0 ? (
        <p>No services are waiting for approval{scan.data.looked < scan.data.cases ? ` among the first ${scan.data.looked} people on the caseload` : ''}.</p>
      ) : (
        <Table caption={`${pluralise(scan.data.found.length, 'service')} waiting for approval`} captionProps={{ size: 's' }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Person</Table.Cell>
              <Table.Cell>Service</Table.Cell>
              <Table.Cell>Cost</Table.Cell>
              <Table.Cell>Planned start</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {scan.data.found.map(({ plan, line, personName }) => (
              <Table.Row key={line.id}>
                <Table.Cell>
                  <Link to={`/plans/${encodeURIComponent(plan.id)}`}>{personName}</Link>
                </Table.Cell>
                <Table.Cell>
                  {line.component}, {line.provider.name}
                </Table.Cell>
                <Table.Cell>{line.frequency === 'one_off' ? `${formatPounds(line.oneOffCostPence)} once` : `${formatPounds(line.weeklyCostPence)} a week`}</Table.Cell>
                <Table.Cell>{formatDate(line.plannedStart)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
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
  const measure = useQuery({ queryKey: ['measures', '28-days', 'team'], queryFn: () => pathway.packageIn28DaysBy('team'), retry: false, staleTime: 60_000 });
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

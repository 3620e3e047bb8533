import { useQuery } from '@tanstack/react-query';
import { Button, Table } from 'nhsuk-react-components';
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

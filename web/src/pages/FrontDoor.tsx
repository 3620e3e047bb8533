import { useQuery } from '@tanstack/react-query';
import { Table } from 'nhsuk-react-components';
import { Link, useLocation } from 'react-router-dom';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { ButtonLink, Confirmation, UrgencyTag, useNow, WhenWithAge } from '../components/pathway';
import { pluralise } from '../format';
import { pathway, type Referral } from '../pathwayApi';
import { RoutingAnswer } from '../components/RoutingAnswer';

export type FrontDoorState = { confirmation?: string };

const urgencyRank: Record<string, number> = { emergency: 0, urgent: 1, routine: 2 };

/** Emergencies first, then urgent, then routine; within each, the longest waiting first. */
function triageOrder(a: Referral, b: Referral): number {
  const u = (urgencyRank[a.urgency] ?? 3) - (urgencyRank[b.urgency] ?? 3);
  return u !== 0 ? u : a.receivedAt.localeCompare(b.receivedAt);
}

/** The co-ordinator's page: every referral received and not yet triaged. */
export function FrontDoorPage() {
  usePageTitle('Front door');
  const location = useLocation();
  const confirmation = (location.state as FrontDoorState | null)?.confirmation;
  return (
    <>
      <span className="nhsuk-caption-l">Single point of entry</span>
      <h1>Front door</h1>
      <Confirmation>{confirmation}</Confirmation>
      <p>
        Every referral arrives here. Triage each one in a single step: resolve it at the front door, or accept it and
        send it to a zone team, which then allocates a worker.
      </p>
      <FrontDoorQueue headingLevel="h2" />
    </>
  );
}

export function FrontDoorQueue({ headingLevel = 'h2' }: { headingLevel?: 'h2' | 'h3' }) {
  const now = useNow();
  const queue = useQuery({
    queryKey: ['referrals', 'queue'],
    queryFn: () => pathway.referrals({ status: 'received', limit: 200 }),
    refetchInterval: 60_000,
  });
  const Heading = headingLevel;
  const referrals = queue.data ? [...queue.data.referrals].sort(triageOrder) : [];

  return (
    <section aria-labelledby="queue-heading" data-testid="front-door-queue">
      <Heading id="queue-heading" className="nhsuk-heading-m">
        Referrals waiting for triage
      </Heading>
      <ButtonLink to="/front-door/new" secondary>
        New referral
      </ButtonLink>
      {queue.isPending ? (
        <Loading what="the front door queue" />
      ) : queue.isError ? (
        <ProblemMessage error={queue.error} />
      ) : referrals.length === 0 ? (
        <p data-testid="queue-empty">No referral is waiting for triage.</p>
      ) : (
        <Table responsive caption={`${pluralise(referrals.length, 'referral')} waiting, most urgent first`} captionProps={{ size: 's' }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Urgency</Table.Cell>
              <Table.Cell>Person</Table.Cell>
              <Table.Cell>Source</Table.Cell>
              <Table.Cell>Reason</Table.Cell>
              <Table.Cell>Received</Table.Cell>
              <Table.Cell>Proposed team</Table.Cell>
              <Table.Cell>Triage</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {referrals.map((r) => (
              <Table.Row key={r.id} data-testid="queue-row" data-referral-id={r.id}>
                <Table.Cell>
                  <UrgencyTag urgency={r.urgency} />
                </Table.Cell>
                <Table.Cell>
                  <Link to={`/people/${encodeURIComponent(r.person.id)}`}>{r.person.name}</Link>
                </Table.Cell>
                <Table.Cell>
                  {r.sourceLabel}
                  {r.sourceName ? <span className="caretrust-access-detail">{r.sourceName}</span> : null}
                </Table.Cell>
                <Table.Cell>
                  <span className="caretrust-clamp">{r.reason}</span>
                </Table.Cell>
                <Table.Cell>
                  <WhenWithAge at={r.receivedAt} now={now} />
                </Table.Cell>
                <Table.Cell>
                  <RoutingAnswer referral={r} />
                </Table.Cell>
                <Table.Cell>
                  <Link to={`/referrals/${encodeURIComponent(r.id)}`}>
                    Triage<span className="nhsuk-u-visually-hidden"> the referral for {r.person.name}</span>
                  </Link>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

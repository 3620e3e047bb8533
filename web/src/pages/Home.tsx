import { useQuery } from '@tanstack/react-query';
import { Card, InsetText } from 'nhsuk-react-components';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { PeopleTable } from '../components/PeopleTable';
import { PersonSearch } from '../components/PersonSearch';
import { PlaceOverview } from '../components/PlaceOverview';
import { LinkCards } from '../components/LinkCards';
import { pluralise } from '../format';
import { canReadAudit, canReadFlowMeasures, canReviewBreakGlass, canSearchPeople, canWorkDischargeBoard, caseloadTeams, seesPlaceOverview, useSession } from '../session';
import { FlowLinks } from '../flow/FlowLinks';
import { pathway } from '../pathwayApi';
import { FrontDoorQueue } from './FrontDoor';
import { ApprovalsWaiting, MyMdtActions, PackagesAwaited } from '../components/HomePathway';
import { CaseloadTable } from './Team';
import { CaseloadPagination, useCaseloadPage } from '../components/CaseloadPages';

export function HomePage() {
  const session = useSession();
  const { user, place } = session;
  usePageTitle('Home');
  const teams = user.teams.map((t) => t.name).join(', ');

  return (
    <>
      <span className="nhsuk-caption-l">{place.name}</span>
      <h1>Hello, {user.displayName}</h1>
      <p className="nhsuk-lede-text" data-testid="your-role">
        You are signed in as a {user.roleLabel.toLowerCase()}
        {teams ? ` in ${teams}` : ''}.
      </p>

      {canReviewBreakGlass(user.role) || canReadAudit(user.role) ? (
        <ReviewerLinks showReviews={canReviewBreakGlass(user.role)} showAudit={canReadAudit(user.role)} />
      ) : null}

      {user.role === 'administrator' ? (
        <p>
          <Link to="/routing-rules">Routing rules: which team the front door proposes for a referral</Link>
        </p>
      ) : null}
      {user.role === 'provider_staff' ? <PortalLinks /> : null}
      {user.role === 'coordinator' ? <FrontDoorQueue /> : null}
      {canSearchPeople(user.role) && caseloadTeams(session).length ? <TeamLinks /> : null}
      {canSearchPeople(user.role) && user.staffId && user.role !== 'coordinator' && user.role !== 'team_manager' ? (
        <MyCaseload staffId={user.staffId} />
      ) : null}
      {user.role === 'team_manager' && caseloadTeams(session)[0] ? <ApprovalsWaiting teamId={caseloadTeams(session)[0]!.id} /> : null}
      {user.role === 'commissioner' ? <ApprovalsWaiting panel /> : null}
      {canSearchPeople(user.role) && user.role !== 'coordinator' ? <PackagesAwaited /> : null}
      {canSearchPeople(user.role) && user.staffId ? <MyMdtActions /> : null}
      {canReadFlowMeasures(user.role) ? <FlowLinks board={canWorkDischargeBoard(user.role)} /> : null}

      {canSearchPeople(user.role) ? (
        <>
          <PersonSearch />
          <MyPeople />
        </>
      ) : null}

      {seesPlaceOverview(user.role) ? (
        <>
          <InsetText>
            <p data-testid="no-person-detail">
              As a {user.roleLabel.toLowerCase()} you see the place as a whole. You see no person-level clinical or care
              detail.
            </p>
          </InsetText>
          <PlaceOverview />
        </>
      ) : null}
    </>
  );
}

/** Provider staff see the provider portal only: their invoices and their remittances. */
function PortalLinks() {
  return (
    <LinkCards
      cards={[
        { to: '/portal/invoices', title: 'Your invoices', text: 'What you have invoiced, each line matched, held (with the reason), approved or paid.' },
        { to: '/portal/remittances', title: 'Your remittances', text: 'What the care trust has paid you, as CSV and PDF.' },
      ]}
    />
  );
}

function ReviewerLinks({ showReviews, showAudit }: { showReviews: boolean; showAudit: boolean }) {
  const pending = useQuery({
    queryKey: ['break-glass', 'pending'],
    queryFn: () => api.breakGlassList('pending'),
    enabled: showReviews,
  });
  // The server also answers the pending count directly; the length of the list is the same number.
  const count = pending.data ? (pending.data.pending ?? pending.data.items.length) : undefined;
  return (
    <Card.Group>
      {showReviews ? (
        <Card.GroupItem width="one-half">
          <Card clickable>
            <Card.Heading headingLevel="h2" size="m">
              <Card.Link asElement={Link} to="/reviews">
                Break-glass review queue
              </Card.Link>
            </Card.Heading>
            <Card.Description data-testid="pending-count">
              {pending.isPending
                ? 'Counting the accesses waiting for review…'
                : pending.isError
                  ? 'The number waiting could not be loaded.'
                  : count === 0
                    ? 'No break-glass access is waiting for review.'
                    : `${pluralise(count ?? 0, 'break-glass access', 'break-glass accesses')} waiting for review.`}
            </Card.Description>
          </Card>
        </Card.GroupItem>
      ) : null}
      {showAudit ? (
        <Card.GroupItem width="one-half">
          <Card clickable>
            <Card.Heading headingLevel="h2" size="m">
              <Card.Link asElement={Link} to="/audit">
                Audit log
              </Card.Link>
            </Card.Heading>
            <Card.Description>Who opened which records, when, and why.</Card.Description>
          </Card>
        </Card.GroupItem>
      ) : null}
    </Card.Group>
  );
}

function MyPeople() {
  const mine = useQuery({ queryKey: ['people', 'mine'], queryFn: () => api.myPeople() });
  return (
    <section aria-labelledby="my-people-heading">
      <h2 id="my-people-heading">People you have a relationship with</h2>
      {mine.isPending ? (
        <Loading what="your people" />
      ) : mine.isError ? (
        <ProblemMessage error={mine.error} />
      ) : mine.data.results.length === 0 ? (
        <p>You have no current relationship with anyone. People come to you through referrals and your team's caseload.</p>
      ) : (
        <PeopleTable
          people={mine.data.results}
          caption={`${pluralise(mine.data.results.length, 'person', 'people')} on your caseload, referrals and triage`}
          showRelationship
        />
      )}
    </section>
  );
}

function TeamLinks() {
  const session = useSession();
  const teams = caseloadTeams(session);
  const manages = session.user.role === 'team_manager';
  return (
    <section aria-labelledby="teams-heading" data-testid="team-links">
      <h2 id="teams-heading">{manages ? 'Your teams' : teams.length === 1 ? 'Your team' : 'Your teams'}</h2>
      <Card.Group>
        {teams.map((t) => (
          <Card.GroupItem width="one-half" key={t.id}>
            <TeamCard teamId={t.id} name={t.name} />
          </Card.GroupItem>
        ))}
      </Card.Group>
    </section>
  );
}

function TeamCard({ teamId, name }: { teamId: string; name: string }) {
  const caseload = useQuery({ queryKey: ['caseload', 'team', teamId], queryFn: () => pathway.caseload({ teamId }) });
  return (
    <Card clickable>
      <Card.Heading headingLevel="h3" size="m">
        <Card.Link asElement={Link} to={`/teams/${encodeURIComponent(teamId)}`}>
          {name}
        </Card.Link>
      </Card.Heading>
      <Card.Description data-testid="team-card-counts">
        {caseload.data
          ? `${pluralise(caseload.data.counts.open, 'open case')}; ${caseload.data.counts.waiting} waiting for a worker.`
          : caseload.isError
            ? 'The caseload could not be loaded.'
            : 'Counting the caseload…'}
      </Card.Description>
    </Card>
  );
}

function MyCaseload({ staffId }: { staffId: string }) {
  const caseload = useCaseloadPage({ staffId });
  return (
    <section aria-labelledby="my-caseload-heading" data-testid="my-caseload">
      <h2 id="my-caseload-heading">Your caseload</h2>
      {caseload.isPending ? (
        <Loading what="your caseload" />
      ) : caseload.isError ? (
        <ProblemMessage error={caseload.error} />
      ) : (
        <>
          <CaseloadTable caseload={caseload.data} showTeam />
          <CaseloadPagination caseload={caseload.data} />
        </>
      )}
    </section>
  );
}

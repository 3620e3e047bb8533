import { useQuery } from '@tanstack/react-query';
import { InsetText, SummaryList, Table, Tag, WarningCallout } from 'nhsuk-react-components';
import { type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, type PersonRecord } from '../api';
import { PersonStays } from '../flow/PersonStays';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { PersonAssessments, PersonMdtActions, PersonReferrals, PersonTimeline } from '../components/PersonPathway';
import { useSession } from '../session';
import { PersonPlans } from './Plan';
import {
  accessKindLabel,
  ethnicityLabel,
  formatBirth,
  formatDate,
  formatDateTime,
  formatNhsNumber,
  fullName,
  isoOf,
  sentenceCase,
  yesNo,
} from '../format';
import { useLabels } from '../codes';
import { BackToSearch, BreakGlassPrompt } from '../components/BreakGlass';
import { PersonReviews } from '../components/PersonReviews';
import { PersonCarers } from '../people/PersonCarers';

export function PersonPage() {
  const { id = '' } = useParams();
  const record = useQuery({
    queryKey: ['person', id],
    queryFn: () => api.person(id),
    retry: false,
  });

  if (record.isPending) return <Loading what="the record" />;
  if (record.isError) {
    const error = record.error;
    if (error instanceof ApiError && error.status === 403) {
      return error.body.breakGlassAllowed === true ? (
        <BreakGlassPrompt personId={id} message={error.message} />
      ) : (
        <Forbidden message={error.message} />
      );
    }
    if (error instanceof ApiError && error.status === 404) return <PersonNotFound message={error.message} />;
    return <RecordProblem error={error} />;
  }
  return <PersonRecordView person={record.data} />;
}

function RecordProblem({ error }: { error: unknown }) {
  usePageTitle('Person record', true);
  return (
    <>
      <BackToSearch />
      <h1>Person record</h1>
      <ProblemMessage error={error} heading="The record could not be loaded" />
    </>
  );
}

function Forbidden({ message }: { message: string }) {
  usePageTitle('You cannot open this record');
  return (
    <>
      <BackToSearch />
      <h1>You cannot open this record</h1>
      <p data-testid="forbidden-message">{message}</p>
    </>
  );
}

function PersonNotFound({ message }: { message: string }) {
  usePageTitle('Person not found');
  return (
    <>
      <BackToSearch />
      <h1>Person not found</h1>
      <p>{message}</p>
      <p>
        <Link to="/people">Search for the person again</Link>
      </p>
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <SummaryList.Row>
      <SummaryList.Key>{label}</SummaryList.Key>
      <SummaryList.Value>{children}</SummaryList.Value>
    </SummaryList.Row>
  );
}

const notRecorded = 'Not recorded';

/** A team can reach a person by the same kind of relationship twice (through the team and through a
 * member); the reader needs each team and kind once. */
function distinctTeams(teams: PersonRecord['teams']): PersonRecord['teams'] {
  const seen = new Set<string>();
  return teams.filter((t) => {
    const key = `${t.id}|${t.relationshipKind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function PersonRecordView({ person }: { person: PersonRecord }) {
  const sectorLabel = useLabels('sectors');
  const name = fullName(person);
  usePageTitle(`${name} – person record`);
  const objects = person.consent?.objectsToHealthSocialCareSharing === true;
  const session = useSession();
  const canStartAssessment = ['social_worker', 'nurse', 'therapist', 'team_manager'].includes(session.user.role);
  const canChangeCarers = canStartAssessment || session.user.role === 'coordinator';

  return (
    <>
      <BackToSearch />
      <span className="nhsuk-caption-l">Person record</span>
      <h1 className="nhsuk-u-margin-bottom-2" data-testid="person-name">
        {name}
      </h1>
      <p className="nhsuk-body-l" data-testid="person-nhs-number">
        NHS number: <span className="caretrust-nowrap">{person.nhsNumber ? formatNhsNumber(person.nhsNumber) : 'not known'}</span>
      </p>

      {person.mergedInto ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">Important: this record was merged</WarningCallout.Heading>
          <p>
            This record was merged into another. <Link to={`/people/${encodeURIComponent(person.mergedInto)}`}>Open the record it was merged into</Link>.
          </p>
        </WarningCallout>
      ) : null}

      <AccessNotice access={person.access} />

      {objects ? (
        <WarningCallout data-testid="sharing-objection">
          <WarningCallout.Heading headingLevel="h2">
            Important: objects to sharing between health and social care
          </WarningCallout.Heading>
          <p>
            {fullName({ givenName: person.givenName, familyName: person.familyName })} has said that information should
            not be shared between health and social care. Check before you share anything from this record.
          </p>
          {person.consent?.sharingNote ? <p>Note: {person.consent.sharingNote}</p> : null}
        </WarningCallout>
      ) : null}

      <h2>Personal details</h2>
      <SummaryList data-testid="personal-details">
        <Row label="Name">{name}</Row>
        {person.preferredName ? <Row label="Preferred name">{person.preferredName}</Row> : null}
        {person.otherNames ? <Row label="Other names">{person.otherNames}</Row> : null}
        <Row label="NHS number">{person.nhsNumber ? formatNhsNumber(person.nhsNumber) : 'Not known'}</Row>
        <Row label="Date of birth">{formatBirth(person.birthDate, person.age)}</Row>
        {person.deathDate ? <Row label="Date of death">{formatDate(person.deathDate)}</Row> : null}
        <Row label="Gender">{person.genderLabel || person.gender || notRecorded}</Row>
        <Row label="Ethnicity">{ethnicityLabel(person.ethnicity) || notRecorded}</Row>
        <Row label="Interpreter needed">{person.interpreterLanguage ? `Yes, ${person.interpreterLanguage}` : 'No'}</Row>
        <Row label="Lives alone">{yesNo(person.livesAlone)}</Row>
      </SummaryList>

      <h2>Contact details</h2>
      <SummaryList>
        <Row label="Address">
          {person.addressLines.length || person.postcode ? (
            <>
              {person.addressLines.map((line, i) => (
                <span key={i} className="caretrust-address-line">
                  {line}
                </span>
              ))}
              {person.postcode ? <span className="caretrust-address-line">{person.postcode}</span> : null}
            </>
          ) : (
            notRecorded
          )}
        </Row>
        <Row label="Phone">{person.phone || notRecorded}</Row>
        <Row label="Email">{person.email || notRecorded}</Row>
      </SummaryList>

      <h2>GP practice and zone</h2>
      <SummaryList data-testid="gp-and-zone">
        <Row label="GP practice">
          {person.gpPractice ? `${person.gpPractice.name} (${person.gpPractice.ods})` : 'No GP practice recorded'}
        </Row>
        <Row label="Zone">{person.zone ? person.zone.name : 'No zone'}</Row>
      </SummaryList>

      <h2>Teams with a relationship</h2>
      {person.teams.length ? (
        <Table caption="Teams working with this person" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Team</Table.Cell>
              <Table.Cell>Relationship</Table.Cell>
              <Table.Cell>Since</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {distinctTeams(person.teams).map((t) => (
              <Table.Row key={`${t.id}-${t.relationshipKind}-${t.since}`}>
                <Table.Cell>{t.name}</Table.Cell>
                <Table.Cell>{accessKindLabel(t.relationshipKind)}</Table.Cell>
                <Table.Cell>{formatDate(t.since)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : (
        <p>No team has a relationship with this person.</p>
      )}

      <PersonCarers person={person} canChange={canChangeCarers} />

      <h2>Contacts</h2>
      {person.contacts.length ? (
        <Table caption="Contacts" captionProps={{ className: "nhsuk-u-visually-hidden" }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Name</Table.Cell>
              <Table.Cell>Relationship</Table.Cell>
              <Table.Cell>Phone</Table.Cell>
              <Table.Cell>Next of kin</Table.Cell>
              <Table.Cell>Power of attorney</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {person.contacts.map((c) => (
              <Table.Row key={c.id}>
                <Table.Cell>{c.name}</Table.Cell>
                <Table.Cell>{sentenceCase(c.relationship)}</Table.Cell>
                <Table.Cell>{c.phone ?? ''}</Table.Cell>
                <Table.Cell>{c.nextOfKin ? 'Yes' : 'No'}</Table.Cell>
                <Table.Cell>{c.powerOfAttorney ? 'Yes' : 'No'}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : (
        <p>No contacts recorded.</p>
      )}

      <h2>Consent and sharing</h2>
      <SummaryList data-testid="consent">
        <Row label="Consent to share">{yesNo(person.consent?.consentToShare)}</Row>
        <Row label="Sharing between health and social care">
          {objects ? (
            <Tag modifier="red">Objects to sharing</Tag>
          ) : person.consent ? (
            'No objection recorded'
          ) : (
            notRecorded
          )}
        </Row>
        {person.consent?.sharingNote ? <Row label="Note">{person.consent.sharingNote}</Row> : null}
        <Row label="Recorded on">{person.consent?.recordedOn ? formatDate(person.consent.recordedOn) : notRecorded}</Row>
      </SummaryList>

      <h2>How you have access</h2>
      <SummaryList data-testid="access">
        <Row label="Access through">
          {person.access.kind === 'break_glass' ? <Tag modifier="orange">Break glass</Tag> : accessKindLabel(person.access.kind)}
        </Row>
        <Row label="Until">
          {person.access.validTo ? (
            <time dateTime={isoOf(person.access.validTo)}>{formatDateTime(person.access.validTo)}</time>
          ) : (
            'While the relationship lasts'
          )}
        </Row>
        {person.access.sector ? <Row label="Your side of the partnership">{sectorLabel(person.access.sector)}</Row> : null}
      </SummaryList>

      {person.aliases.length ? (
        <>
          <h2>Records merged into this one</h2>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {person.aliases.map((a) => (
              <li key={a.personId}>
                {a.givenName} {a.familyName.toUpperCase()}
                {a.nhsNumber ? `, NHS number ${formatNhsNumber(a.nhsNumber)}` : ''}, merged {formatDateTime(a.mergedAt)}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <PersonReferrals personId={person.id} />
      <PersonAssessments personId={person.id} canStart={canStartAssessment} />
      <PersonPlans personId={person.id} />
      <PersonReviews personId={person.id} />
      <PersonMdtActions personId={person.id} />
      <PersonStays personId={person.id} />
      <PersonTimeline personId={person.id} />
    </>
  );
}

function AccessNotice({ access }: { access: PersonRecord['access'] }) {
  if (access.kind === 'break_glass') {
    return (
      <InsetText data-testid="access-notice">
        <p>
          You opened this record by breaking glass. Your access is recorded and will be reviewed.
          {access.validTo ? (
            <>
              {' '}
              It ends on <time dateTime={isoOf(access.validTo)}>{formatDateTime(access.validTo)}</time>.
            </>
          ) : null}
        </p>
      </InsetText>
    );
  }
  return (
    <InsetText data-testid="access-notice">
      <p>You can see this record because of your relationship with this person: {accessKindLabel(access.kind).toLowerCase()}.</p>
    </InsetText>
  );
}

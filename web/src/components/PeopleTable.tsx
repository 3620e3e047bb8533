import { Table, Tag } from 'nhsuk-react-components';
import { Link } from 'react-router-dom';
import type { PersonSummary } from '../api';
import { accessKindLabel, formatDate, formatNhsNumber, fullName } from '../format';

/** People as rows: who they are, where they belong, and whether the viewer may open the record. */
export function PeopleTable({
  people,
  caption,
  showRelationship = false,
}: {
  people: PersonSummary[];
  caption: string;
  showRelationship?: boolean;
}) {
  return (
    <Table responsive caption={caption} captionProps={{ size: 's' }} data-testid="people-table">
      <Table.Head>
        <Table.Row>
          <Table.Cell>Name</Table.Cell>
          <Table.Cell>NHS number</Table.Cell>
          <Table.Cell>Date of birth</Table.Cell>
          <Table.Cell>Postcode</Table.Cell>
          <Table.Cell>GP practice</Table.Cell>
          <Table.Cell>Zone</Table.Cell>
          <Table.Cell>Access</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {people.map((p) => (
          <Table.Row key={p.id}>
            <Table.Cell>
              <Link to={`/people/${encodeURIComponent(p.id)}`}>{fullName(p)}</Link>
            </Table.Cell>
            <Table.Cell>
              {p.nhsNumber ? <span className="caretrust-nowrap">{formatNhsNumber(p.nhsNumber)}</span> : 'Not known'}
            </Table.Cell>
            <Table.Cell>
              {p.birthDate ? (
                <>
                  <span className="caretrust-nowrap">{formatDate(p.birthDate)}</span>
                  {p.age !== null && p.age !== undefined ? (
                    <span className="caretrust-nowrap"> (age {p.age})</span>
                  ) : null}
                </>
              ) : (
                'Not known'
              )}
            </Table.Cell>
            <Table.Cell>
              <span className="caretrust-nowrap">{p.postcode ?? ''}</span>
            </Table.Cell>
            <Table.Cell>{p.gpPractice ? p.gpPractice.name : 'No GP practice recorded'}</Table.Cell>
            <Table.Cell>{p.zone ? p.zone.name : 'No zone'}</Table.Cell>
            <Table.Cell>
              {p.access === 'relationship' ? (
                <>
                  <Tag modifier="green">Relationship</Tag>
                  {showRelationship && p.relationship ? (
                    <span className="caretrust-access-detail">
                      {accessKindLabel(p.relationship.kind)}
                      {p.relationship.teamName ? `, ${p.relationship.teamName}` : ''}
                      {p.relationship.since ? `, since ${formatDate(p.relationship.since)}` : ''}
                    </span>
                  ) : null}
                </>
              ) : (
                <Tag modifier="grey">No relationship — break glass to open</Tag>
              )}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

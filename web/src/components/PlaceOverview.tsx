import { useQuery } from '@tanstack/react-query';
import { SummaryList, Table } from 'nhsuk-react-components';
import { Link } from 'react-router-dom';
import { api, type Delegation } from '../api';
import { delegatedFunctionLabel, formatDate, humanise, partnerKindLabel, pluralise } from '../format';
import { Loading, ProblemMessage } from './common';

/** The place as its partners see it: who is in it, its zones and teams, and who does what. */
export function PlaceOverview() {
  const overview = useQuery({ queryKey: ['place'], queryFn: () => api.place() });
  if (overview.isPending) return <Loading what="the place overview" />;
  if (overview.isError) return <ProblemMessage error={overview.error} />;
  const { place, partners, zones, teams, delegationsInForce } = overview.data;
  const zoneName = (id: string | null) => zones.find((z) => z.id === id)?.name ?? '';

  return (
    <section aria-labelledby="place-heading" data-testid="place-overview">
      <h2 id="place-heading">{place.name}</h2>
      {place.description ? <p>{place.description}</p> : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Established</SummaryList.Key>
          <SummaryList.Value>{place.establishedOn ? formatDate(place.establishedOn) : 'Not recorded'}</SummaryList.Value>
        </SummaryList.Row>
        {place.dissolvedOn ? (
          <SummaryList.Row>
            <SummaryList.Key>Dissolved</SummaryList.Key>
            <SummaryList.Value>{formatDate(place.dissolvedOn)}</SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        <SummaryList.Row>
          <SummaryList.Key>Client groups</SummaryList.Key>
          <SummaryList.Value>
            {place.clientGroups.length ? place.clientGroups.map(humanise).join(', ') : 'All client groups'}
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>

      <h3>Delegations in force</h3>
      <DelegationTable delegations={delegationsInForce} caption="Functions partners have delegated, in force today" />
      <p>
        <Link to="/delegations">Delegations over time: the timeline, and who was accountable on a day</Link>
      </p>

      <h3>Partners</h3>
      <Table caption={`${pluralise(partners.length, 'partner')} in the place`} captionProps={{ className: 'nhsuk-u-visually-hidden' }}>
        <Table.Head>
          <Table.Row>
            <Table.Cell>Name</Table.Cell>
            <Table.Cell>Kind</Table.Cell>
            <Table.Cell>ODS code</Table.Cell>
            <Table.Cell>Zone</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {partners.map((p) => (
            <Table.Row key={p.id}>
              <Table.Cell>{p.name}</Table.Cell>
              <Table.Cell>{partnerKindLabel(p.kind)}</Table.Cell>
              <Table.Cell>{p.odsCode ?? ''}</Table.Cell>
              <Table.Cell>{zoneName(p.zoneId)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>

      <h3>Zones</h3>
      <Table caption={`${pluralise(zones.length, 'zone')} and their GP practices`} captionProps={{ className: 'nhsuk-u-visually-hidden' }}>
        <Table.Head>
          <Table.Row>
            <Table.Cell>Zone</Table.Cell>
            <Table.Cell>Code</Table.Cell>
            <Table.Cell>GP practices</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {zones.map((z) => (
            <Table.Row key={z.id}>
              <Table.Cell>{z.name}</Table.Cell>
              <Table.Cell>{z.code}</Table.Cell>
              <Table.Cell>
                {z.practices.length ? (
                  <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                    {z.practices.map((pr) => (
                      <li key={pr.id}>
                        {pr.name}
                        {pr.odsCode ? ` (${pr.odsCode})` : ''}
                      </li>
                    ))}
                  </ul>
                ) : (
                  'None'
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>

      <h3>Teams</h3>
      <Table caption={`${pluralise(teams.length, 'team')}`} captionProps={{ className: 'nhsuk-u-visually-hidden' }}>
        <Table.Head>
          <Table.Row>
            <Table.Cell>Team</Table.Cell>
            <Table.Cell>Kind</Table.Cell>
            <Table.Cell>Zone</Table.Cell>
            <Table.Cell format="numeric">Members</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {teams.map((t) => (
            <Table.Row key={t.id}>
              <Table.Cell>{t.name}</Table.Cell>
              <Table.Cell>{partnerKindLabel(t.kind)}</Table.Cell>
              <Table.Cell>{zoneName(t.zoneId) || 'Whole place'}</Table.Cell>
              <Table.Cell format="numeric">{t.members}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </section>
  );
}

function DelegationTable({ delegations, caption }: { delegations: Delegation[]; caption: string }) {
  if (delegations.length === 0) return <p>No delegations are in force.</p>;
  return (
    <Table caption={caption} captionProps={{ className: 'nhsuk-u-visually-hidden' }} data-testid="delegations-in-force">
      <Table.Head>
        <Table.Row>
          <Table.Cell>Function</Table.Cell>
          <Table.Cell>From</Table.Cell>
          <Table.Cell>To</Table.Cell>
          <Table.Cell>Client groups</Table.Cell>
          <Table.Cell>Period</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {delegations.map((d) => (
          <Table.Row key={d.id}>
            <Table.Cell>{delegatedFunctionLabel(d.function)}</Table.Cell>
            <Table.Cell>{d.fromPartnerName}</Table.Cell>
            <Table.Cell>{d.toPartnerName}</Table.Cell>
            <Table.Cell>{d.clientGroups.length ? d.clientGroups.map(humanise).join(', ') : 'All'}</Table.Cell>
            <Table.Cell>
              From {formatDate(d.validFrom)}
              {d.validTo ? ` to ${formatDate(d.validTo)}` : ''}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

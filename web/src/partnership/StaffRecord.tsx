import { useQuery } from '@tanstack/react-query';
import { InsetText, SummaryList, Table } from 'nhsuk-react-components';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { formatDate, sentenceCase } from '../format';

/** A colleague's record: who employs them, who manages their work (they may differ), terms and teams. */
export function StaffRecordPage() {
  const { id = '' } = useParams();
  const record = useQuery({ queryKey: ['staff', id], queryFn: () => api.staffRecord(id), retry: false });
  usePageTitle(record.data?.name ?? 'Staff record');
  if (record.isPending) return <Loading what="the staff record" />;
  if (record.isError) return <ProblemMessage error={record.error} heading="The staff record could not be loaded" />;
  const s = record.data;
  return (
    <>
      <span className="nhsuk-caption-l">Staff record</span>
      <h1>{s.name}</h1>
      {s.managedApart ? (
        <InsetText data-testid="managed-apart">
          <p>
            Employed by {s.employer.name} and managed by {s.managedBy.name}: their terms and conditions are the employer's,
            their day-to-day work is the managing organisation's.
          </p>
        </InsetText>
      ) : null}
      <SummaryList data-testid="staff-record">
        <SummaryList.Row>
          <SummaryList.Key>Profession</SummaryList.Key>
          <SummaryList.Value>{s.professionLabel}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Employed by</SummaryList.Key>
          <SummaryList.Value data-testid="employer">{s.employer.name}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Managed by</SummaryList.Key>
          <SummaryList.Value data-testid="managed-by">{s.managedBy.name}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Terms and conditions</SummaryList.Key>
          <SummaryList.Value>
            {s.termsLabel}, grade {s.grade}
          </SummaryList.Value>
        </SummaryList.Row>
        {s.startedOn ? (
          <SummaryList.Row>
            <SummaryList.Key>Started</SummaryList.Key>
            <SummaryList.Value>{formatDate(s.startedOn)}</SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        {s.leftOn ? (
          <SummaryList.Row>
            <SummaryList.Key>Left</SummaryList.Key>
            <SummaryList.Value>{formatDate(s.leftOn)}</SummaryList.Value>
          </SummaryList.Row>
        ) : null}
      </SummaryList>
      <h2>Teams</h2>
      {s.teams.length === 0 ? (
        <p>Not in a team today.</p>
      ) : (
        <Table caption="Teams they sit in today" captionProps={{ className: 'nhsuk-u-visually-hidden' }}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Team</Table.Cell>
              <Table.Cell>Role in the team</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {s.teams.map((t) => (
              <Table.Row key={t.id}>
                <Table.Cell>
                  <Link to={`/teams/${t.id}`}>{t.name}</Link>
                </Table.Cell>
                <Table.Cell>{sentenceCase(t.roleInTeam)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}

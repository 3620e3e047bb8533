import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { formatDate, humanise } from '../format';
import { groupsApi } from './groupsApi';

/** The place's commissioning groups and joint boards. */
export function GroupListPage() {
  usePageTitle('Commissioning groups');
  const groups = useQuery({ queryKey: ['commissioning', 'groups'], queryFn: () => groupsApi.list() });
  return (
    <>
      <h1>Commissioning groups</h1>
      {groups.isPending ? <Loading what="the commissioning groups" /> : null}
      {groups.isError ? <ProblemMessage error={groups.error} /> : null}
      {groups.data ? (
        <table className="nhsuk-table" data-testid="groups-table">
          <caption className="nhsuk-table__caption">Commissioning groups and joint boards by client group</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Client groups</th>
              <th scope="col">Lead partner</th>
              <th scope="col">Since</th>
              <th scope="col">Members now</th>
              <th scope="col">Decisions</th>
            </tr>
          </thead>
          <tbody>
            {groups.data.groups.map((g) => (
              <tr key={g.id}>
                <td>
                  <Link to={`/commissioning/groups/${g.id}`}>{g.name}</Link>
                  {g.kind === 'joint_board' ? ' (joint board)' : ''}
                </td>
                <td>{g.clientGroups.map(humanise).join(', ')}</td>
                <td>{g.leadPartner?.name ?? ''}</td>
                <td>{formatDate(g.validFrom)}</td>
                <td>{g.currentMembers}</td>
                <td>{g.decisions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

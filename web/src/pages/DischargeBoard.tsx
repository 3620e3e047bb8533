import { useQuery } from '@tanstack/react-query';
import { BackLink, Table, Tag } from 'nhsuk-react-components';
import { Link } from 'react-router-dom';
import { Loading, ProblemMessage, useFilterParams, usePageTitle } from '../components/common';
import { formatDate, pluralise } from '../format';
import { flowApi, pathwayShort } from '../flow/api';
import { AwaitedPackage } from '../flow/AwaitedPackage';

/** People no longer meeting the criteria to reside, most days delayed first. */
export function DischargeBoardPage() {
  usePageTitle('Discharge board');
  const [params, set] = useFilterParams();
  const zone = params.get('zone') ?? '';
  const pathway = params.get('pathway') ?? '';
  const board = useQuery({ queryKey: ['flow', 'board', zone, pathway], queryFn: () => flowApi.board({ zone, pathway }) });


  return (
    <>
      <BackLink asElement={Link} to="/">
        Home
      </BackLink>
      <h1>Discharge board</h1>
      <p className="nhsuk-lede-text">People in hospital who no longer meet the criteria to reside, most days delayed first: what they wait for, and who owns it.</p>
      <div className="caretrust-filters">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="board-zone">
            Zone
          </label>
          <select className="nhsuk-select" id="board-zone" value={zone} onChange={(e) => set('zone', e.target.value)}>
            <option value="">All zones</option>
            {(board.data?.zones ?? []).map((z) => (
              <option key={z.id} value={z.code}>
                {z.name}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="board-pathway">
            Discharge pathway
          </label>
          <select className="nhsuk-select" id="board-pathway" value={pathway} onChange={(e) => set('pathway', e.target.value)}>
            <option value="">All pathways</option>
            {[0, 1, 2, 3].map((p) => (
              <option key={p} value={String(p)}>
                Pathway {p}
              </option>
            ))}
          </select>
        </div>
      </div>
      {board.isPending ? (
        <Loading what="the discharge board" />
      ) : board.isError ? (
        <ProblemMessage error={board.error} />
      ) : board.data.rows.length === 0 ? (
        <p data-testid="board-empty">Nobody is waiting to leave hospital{zone || pathway ? ' with these filters' : ''}.</p>
      ) : (
        <Table responsive caption={`${pluralise(board.data.total, 'person', 'people')} ready to leave hospital on ${formatDate(board.data.asOf)}`} captionProps={{ size: 's' }} data-testid="discharge-board">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Person</Table.Cell>
              <Table.Cell>Zone</Table.Cell>
              <Table.Cell>Hospital and ward</Table.Cell>
              <Table.Cell>Pathway</Table.Cell>
              <Table.Cell>Ready since</Table.Cell>
              <Table.Cell>Days delayed</Table.Cell>
              <Table.Cell>Waiting for</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {board.data.rows.map((r) => (
              <Table.Row key={r.stayId}>
                <Table.Cell>
                  {r.personId && r.name ? <Link to={`/people/${encodeURIComponent(r.personId)}`}>{r.name}</Link> : <span className="caretrust-code">Not on your caseload</span>}
                  {r.age !== null ? <span className="caretrust-nowrap"> (age {r.age})</span> : null}
                </Table.Cell>
                <Table.Cell>{r.zone?.name ?? 'No zone'}</Table.Cell>
                <Table.Cell>
                  {r.hospital}, {r.ward}
                </Table.Cell>
                <Table.Cell>{pathwayShort(r.pathway)}</Table.Cell>
                <Table.Cell>
                  <span className="caretrust-nowrap">{formatDate(r.dischargeReadyDate)}</span>
                </Table.Cell>
                <Table.Cell>{r.daysDelayed === 0 ? <Tag modifier="green">Ready today</Tag> : r.daysDelayed}</Table.Cell>
                <Table.Cell>
                  {r.awaiting.length === 0 ? (
                    'Nothing recorded'
                  ) : (
                    <ul className="nhsuk-list">
                      {r.awaiting.map((a) => (
                        <li key={a.id}>
                          {a.reasonLabel}
                          {a.ownerName ? `, owner ${a.ownerName}` : ''} ({a.attributionLabel}), {pluralise(a.daysAwaited, 'day', 'days')}
                          {a.package ? <AwaitedPackage pkg={a.package} /> : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <p>
        A name shows only where you or your team have a relationship with the person; the hospital discharge team sees every name. See also the <Link to="/flow/measures">hospital flow measures</Link>.
      </p>
    </>
  );
}

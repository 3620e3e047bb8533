import { useId } from 'react';
import { formatDate, formatPounds } from '../format';
import { streamLabels, type Contributions } from './agreementApi';

type PartnerTotals = { partnerId: string; partnerName: string; agreedPence: number; receivedPence: number };

function byPartner(c: Contributions): PartnerTotals[] {
  const out = new Map<string, PartnerTotals>();
  for (const l of c.lines) {
    const p = out.get(l.partnerId) ?? { partnerId: l.partnerId, partnerName: l.partnerName, agreedPence: 0, receivedPence: 0 };
    p.agreedPence += l.plannedPence + l.variationsPence;
    p.receivedPence += l.receivedPence;
    out.set(l.partnerId, p);
  }
  return [...out.values()];
}

const colours = { agreed: '#005eb8', received: '#007f3b' };

/** Each partner's agreed contribution (planned plus variations) beside what it has paid; the table above holds the same figures. */
function ContributionsChart({ fy, partners }: { fy: string; partners: PartnerTotals[] }) {
  const id = useId();
  const max = Math.max(1, ...partners.flatMap((p) => [p.agreedPence, p.receivedPence]));
  const labelWidth = 150;
  const width = 560;
  const barSpace = width - labelWidth - 110;
  const group = 44;
  const height = partners.length * group + 4;
  const bar = (y: number, value: number, fill: string) => (
    <>
      <rect x={labelWidth} y={y} width={Math.max(0, (value / max) * barSpace)} height={14} fill={fill} />
      <text x={labelWidth + (value / max) * barSpace + 4} y={y + 11} fontSize="11" fill="#212b32">
        {formatPounds(value)}
      </text>
    </>
  );
  return (
    <figure className="caretrust-chart" data-testid="contributions-chart">
      <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-t`}>Contributions of {fy} by partner: agreed and received</title>
        <desc id={`${id}-d`}>{partners.map((p) => `${p.partnerName}: agreed ${formatPounds(p.agreedPence)}, received ${formatPounds(p.receivedPence)}`).join('; ')}</desc>
        {partners.map((p, i) => {
          const y = i * group + 4;
          return (
            <g key={p.partnerId}>
              <text x={labelWidth - 6} y={y + 20} textAnchor="end" fontSize="12" fill="#212b32">
                {p.partnerName.length > 24 ? `${p.partnerName.slice(0, 23)}…` : p.partnerName}
              </text>
              {bar(y, p.agreedPence, colours.agreed)}
              {bar(y + 17, p.receivedPence, colours.received)}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="caretrust-legend">
          <li>
            <span className="caretrust-legend__swatch" style={{ background: colours.agreed }} aria-hidden="true" />
            Agreed (planned plus variations)
          </li>
          <li>
            <span className="caretrust-legend__swatch" style={{ background: colours.received }} aria-hidden="true" />
            Received
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

/** Planned, varied and received by partner and funding stream, the chart of it, and the year's movements. */
export function ContributionsSection({ fy, c }: { fy: string; c: Contributions }) {
  const partners = byPartner(c);
  const outstanding = c.totals.plannedPence + c.totals.variationsPence - c.totals.receivedPence;
  return (
    <section aria-labelledby="contributions-heading">
      <h3 id="contributions-heading">Contributions in {fy}</h3>
      <table className="nhsuk-table" data-testid="contributions">
        <caption className="nhsuk-table__caption">By partner and funding stream (schedule version {c.scheduleVersion})</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Partner</th>
            <th scope="col">Funding stream</th>
            <th scope="col" className="nhsuk-table__cell--numeric">Planned</th>
            <th scope="col" className="nhsuk-table__cell--numeric">Varied in year</th>
            <th scope="col" className="nhsuk-table__cell--numeric">Received</th>
            <th scope="col" className="nhsuk-table__cell--numeric">Still to come</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {c.lines.map((l) => (
            <tr key={`${l.partnerId}/${l.stream}`} data-testid="contribution-line">
              <td>{l.partnerName}</td>
              <td>{streamLabels[l.stream]}</td>
              <td className="nhsuk-table__cell--numeric">{formatPounds(l.plannedPence)}</td>
              <td className="nhsuk-table__cell--numeric">{formatPounds(l.variationsPence)}</td>
              <td className="nhsuk-table__cell--numeric">{formatPounds(l.receivedPence)}</td>
              <td className="nhsuk-table__cell--numeric">{formatPounds(l.plannedPence + l.variationsPence - l.receivedPence)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" colSpan={2}>
              In all
            </th>
            <td className="nhsuk-table__cell--numeric">{formatPounds(c.totals.plannedPence)}</td>
            <td className="nhsuk-table__cell--numeric">{formatPounds(c.totals.variationsPence)}</td>
            <td className="nhsuk-table__cell--numeric">{formatPounds(c.totals.receivedPence)}</td>
            <td className="nhsuk-table__cell--numeric">{formatPounds(outstanding)}</td>
          </tr>
        </tbody>
      </table>
      <ContributionsChart fy={fy} partners={partners} />
      <h4>Variations and receipts in {fy}</h4>
      {c.movements.length === 0 ? (
        <p>No variations or receipts are recorded for {fy} yet.</p>
      ) : (
        <table className="nhsuk-table" data-testid="movements">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Variations and receipts in date order</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Date</th>
              <th scope="col">What</th>
              <th scope="col">Partner and stream</th>
              <th scope="col" className="nhsuk-table__cell--numeric">Amount</th>
              <th scope="col">Why, decision or reference</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {c.movements.map((m) => (
              <tr key={m.id} data-testid="movement">
                <td>{formatDate(m.onDate)}</td>
                <td>{m.kind === 'receipt' ? 'Received' : 'Variation'}</td>
                <td>
                  {m.partnerName}
                  <span className="caretrust-access-detail">{streamLabels[m.stream]}</span>
                </td>
                <td className="nhsuk-table__cell--numeric">{formatPounds(m.amountPence)}</td>
                <td>{m.kind === 'receipt' ? `Remittance ${m.reference ?? ''}${m.reason ? `: ${m.reason}` : ''}` : `${m.reason} (board decision ${m.boardDecisionRef})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { SummaryList, Tag } from 'nhsuk-react-components';
import { ProblemMessage } from '../components/common';
import { formatDate, formatDateTime } from '../format';
import { flowApi, pathwayShort, type Stay } from './api';
import { AwaitedPackage } from './AwaitedPackage';

const statusTag = (s: Stay['status']) =>
  s === 'ready' ? <Tag modifier="orange">Ready to leave</Tag> : s === 'in_hospital' ? <Tag modifier="blue">In hospital</Tag> : <Tag modifier="grey">Discharged</Tag>;

/** The person's hospital stays, on their record (also merged into the timeline by the pathway). */
export function PersonStays({ personId }: { personId: string }) {
  const stays = useQuery({ queryKey: ['flow', 'stays', personId], queryFn: () => flowApi.staysOf(personId), retry: false });
  if (stays.isPending || (stays.isSuccess && stays.data.stays.length === 0)) return null;
  return (
    <section aria-labelledby="stays-heading" data-testid="hospital-stays">
      <h2 id="stays-heading">Hospital stays</h2>
      {stays.isError ? (
        <ProblemMessage error={stays.error} heading="The hospital stays could not be loaded" />
      ) : (
        stays.data.stays.slice(0, 5).map((s) => (
          <div key={s.id} className="nhsuk-card">
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-card__heading nhsuk-heading-s">
                {s.hospital.name}, {s.ward} {statusTag(s.status)}
              </h3>
              <SummaryList>
                <SummaryList.Row>
                  <SummaryList.Key>Admitted</SummaryList.Key>
                  <SummaryList.Value>
                    {formatDateTime(s.admittedAt)} ({s.admissionMethodLabel.toLowerCase()})
                  </SummaryList.Value>
                </SummaryList.Row>
                {s.wards.length > 1 ? (
                  <SummaryList.Row>
                    <SummaryList.Key>Wards</SummaryList.Key>
                    <SummaryList.Value data-testid="stay-wards">
                      <ul className="nhsuk-list">
                        {s.wards.map((w) => (
                          <li key={`${w.ward}-${w.from}`}>
                            {w.ward}, from {formatDateTime(w.from)}
                            {w.to ? ` to ${formatDateTime(w.to)}` : ' (now)'}
                          </li>
                        ))}
                      </ul>
                    </SummaryList.Value>
                  </SummaryList.Row>
                ) : null}
                <SummaryList.Row>
                  <SummaryList.Key>Discharge Ready Date</SummaryList.Key>
                  <SummaryList.Value>{s.dischargeReadyDate ? formatDate(s.dischargeReadyDate) : 'Not ready'}</SummaryList.Value>
                </SummaryList.Row>
                <SummaryList.Row>
                  <SummaryList.Key>Discharge pathway</SummaryList.Key>
                  <SummaryList.Value>{pathwayShort(s.pathway)}</SummaryList.Value>
                </SummaryList.Row>
                {s.awaiting.length ? (
                  <SummaryList.Row>
                    <SummaryList.Key>Waiting for</SummaryList.Key>
                    <SummaryList.Value>
                      <ul className="nhsuk-list">
                        {s.awaiting.map((a) => (
                          <li key={a.id}>
                            {a.reasonLabel}
                            {a.ownerName ? `, owner ${a.ownerName}` : ''} ({a.attributionLabel}){a.resolvedAt ? `, until ${formatDateTime(a.resolvedAt)}` : ''}
                            {a.package ? <AwaitedPackage pkg={a.package} /> : null}
                          </li>
                        ))}
                      </ul>
                    </SummaryList.Value>
                  </SummaryList.Row>
                ) : null}
                {s.dischargedAt ? (
                  <SummaryList.Row>
                    <SummaryList.Key>Discharged</SummaryList.Key>
                    <SummaryList.Value data-testid="stay-discharge">
                      {formatDateTime(s.dischargedAt)} to {s.dischargeDestinationLabel?.toLowerCase() ?? 'a destination not recorded'}; {s.delayDays === 0 ? 'no delay' : `${s.delayDays} delayed ${s.delayDays === 1 ? 'day' : 'days'}`}
                    </SummaryList.Value>
                  </SummaryList.Row>
                ) : null}
                {s.reablementStart ? (
                  <SummaryList.Row>
                    <SummaryList.Key>Reablement starts</SummaryList.Key>
                    <SummaryList.Value data-testid="reablement-start">{formatDate(s.reablementStart)} (expected, from the discharge)</SummaryList.Value>
                  </SummaryList.Row>
                ) : null}
                {s.referralId ? (
                  <SummaryList.Row>
                    <SummaryList.Key>Referral</SummaryList.Key>
                    <SummaryList.Value>Referred to the front door: discharge from hospital</SummaryList.Value>
                  </SummaryList.Row>
                ) : null}
              </SummaryList>
            </div>
          </div>
        ))
      )}
    </section>
  );
}

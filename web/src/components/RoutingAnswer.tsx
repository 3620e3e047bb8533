import type { Referral } from '../pathwayApi';

/**
 * The front door's routing answer for a referral: the proposed team and why (the rule in words),
 * or that no team of this place covers it and where to signpost.
 */
export function RoutingAnswer({ referral: r }: { referral: Pick<Referral, 'proposedTeam' | 'routing'> }) {
  if (r.routing.outcome === 'not_covered') {
    return (
      <span data-testid="routing-answer">
        No team of this place covers this referral.
        <span className="caretrust-access-detail" data-testid="routing-reason">
          Why: {r.routing.reason}
        </span>
        {r.routing.signpost ? <span className="caretrust-access-detail">Signpost: {r.routing.signpost}</span> : null}
      </span>
    );
  }
  return (
    <span data-testid="routing-answer">
      {r.proposedTeam ? r.proposedTeam.name : 'None proposed: choose a team'}
      {r.routing.reason ? (
        <span className="caretrust-access-detail" data-testid="routing-reason">
          Why: {r.routing.reason}
        </span>
      ) : null}
    </span>
  );
}

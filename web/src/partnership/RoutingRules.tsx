import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api, type RoutingRule } from '../api';
import { useCodes, type Code } from '../codes';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { formatDate, humanise } from '../format';
import { useSession } from '../session';
import { draftOf, emptyDraft, RuleForm, RuleProblems } from './RoutingRuleForm';

/** The front door's routing rules in order; an administrator adds, changes and ends them. */
export function RoutingRulesPage() {
  usePageTitle('Routing rules');
  const { user } = useSession();
  const [showEnded, setShowEnded] = useState(false);
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  const [done, setDone] = useState('');
  const rules = useQuery({ queryKey: ['routing-rules', showEnded], queryFn: () => api.routingRules(showEnded) });
  const place = useQuery({ queryKey: ['place'], queryFn: () => api.place() });
  const codes = useCodes();
  if (rules.isPending || place.isPending) return <Loading what="the routing rules" />;
  if (rules.isError) return <ProblemMessage error={rules.error} />;
  if (place.isError) return <ProblemMessage error={place.error} />;
  const admin = user.role === 'administrator';
  const list = rules.data.rules;
  const nextPosition = Math.max(0, ...list.map((r) => r.position)) + 10;
  return (
    <>
      <h1>Routing rules</h1>
      <p>The front door proposes a team for each referral by these rules, in order: the first rule that matches decides, and the referral says which rule and why.</p>
      {admin ? null : (
        <div className="nhsuk-inset-text" data-testid="rules-read-only">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>You can read the routing rules but cannot change them; an administrator does.</p>
        </div>
      )}
      {done ? (
        <p role="status" data-testid="rule-changed">
          {done}
        </p>
      ) : null}
      <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
        <div className="nhsuk-checkboxes__item">
          <input className="nhsuk-checkboxes__input" id="show-ended" type="checkbox" checked={showEnded} onChange={(e) => setShowEnded(e.target.checked)} />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="show-ended">
            Show ended rules
          </label>
        </div>
      </div>
      <RulesTable rules={list} codes={codes} admin={admin} onEdit={(r) => { setEditing(r); setDone(''); }} onEnded={setDone} />
      {admin && editing === null ? (
        <button className="nhsuk-button" type="button" onClick={() => { setEditing('new'); setDone(''); }}>
          Add a rule
        </button>
      ) : null}
      {admin && editing !== null ? (
        <RuleForm
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          rule={editing === 'new' ? null : editing}
          initial={editing === 'new' ? emptyDraft(nextPosition) : draftOf(editing)}
          place={place.data}
          codes={codes}
          onDone={(message) => {
            setEditing(null);
            setDone(message);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function labelsOf(list: readonly Code[] | undefined, values: string[]): string {
  return values.map((v) => list?.find((c) => c.code === v)?.label ?? humanise(v)).join(', ');
}

/** What a rule matches, in words. */
function matchesOf(r: RoutingRule, codes: ReturnType<typeof useCodes>): string[] {
  const out: string[] = [];
  if (r.clientGroups.length) out.push(`Client group: ${labelsOf(codes?.clientGroups, r.clientGroups)}`);
  if (r.needs.length) out.push(`Need: ${labelsOf(codes?.referralNeeds, r.needs)}`);
  if (r.ageFrom !== null || r.ageTo !== null) {
    out.push(r.ageTo === null ? `Aged ${r.ageFrom} or over` : r.ageFrom === null ? `Aged up to ${r.ageTo}` : `Aged ${r.ageFrom} to ${r.ageTo}`);
  }
  if (r.zone) out.push(`Zone: ${r.zone.name}`);
  if (r.gpPractice) out.push(`GP practice: ${r.gpPractice.name}`);
  return out.length ? out : ['Every referral'];
}

function sendsTo(r: RoutingRule): ReactNode {
  if (r.action === 'team') return r.team?.name ?? 'A team';
  if (r.action === 'zone_team') return `The team of the person's zone${r.teamKind ? ` (${humanise(r.teamKind).toLowerCase()})` : ''}`;
  return (
    <>
      No team of this place covers it
      {r.signpost ? <span className="caretrust-access-detail">Signpost: {r.signpost}</span> : null}
    </>
  );
}

function RulesTable(props: { rules: RoutingRule[]; codes: ReturnType<typeof useCodes>; admin: boolean; onEdit: (r: RoutingRule) => void; onEnded: (message: string) => void }) {
  const { rules, codes, admin } = props;
  const queryClient = useQueryClient();
  const end = useMutation({
    mutationFn: (r: RoutingRule) => api.endRoutingRule(r.id, r.version),
    onSuccess: async (r) => {
      props.onEnded(`The rule “${r.name}” has ended: it no longer routes referrals.`);
      await queryClient.invalidateQueries({ queryKey: ['routing-rules'] });
    },
  });
  if (rules.length === 0) return <p>This place has no routing rules: every referral waits for the co-ordinator to choose a team.</p>;
  return (
    <>
      {end.error ? <RuleProblems error={end.error} /> : null}
      <table className="nhsuk-table" data-testid="routing-rules">
        <caption className="nhsuk-table__caption">The rules in order: the first that matches a referral decides</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Rule</th>
            <th scope="col">Matches</th>
            <th scope="col">Sends to</th>
            {admin ? <th scope="col">Change</th> : null}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rules.map((r) => (
            <tr key={r.id} data-testid="routing-rule">
              <td>{r.position}</td>
              <td>
                {r.name}
                {r.endedAt ? <span className="caretrust-access-detail">Ended {formatDate(r.endedAt.slice(0, 10))}</span> : null}
              </td>
              <td>
                {matchesOf(r, codes).map((m) => (
                  <span key={m} className="caretrust-access-detail">
                    {m}
                  </span>
                ))}
              </td>
              <td>{sendsTo(r)}</td>
              {admin ? (
                <td>
                  {r.endedAt ? null : (
                    <>
                      <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2" type="button" onClick={() => props.onEdit(r)}>
                        Change<span className="nhsuk-u-visually-hidden"> the rule {r.name}</span>
                      </button>{' '}
                      <button className="nhsuk-button nhsuk-button--warning nhsuk-u-margin-bottom-2" type="button" disabled={end.isPending} onClick={() => end.mutate(r)}>
                        End<span className="nhsuk-u-visually-hidden"> the rule {r.name}</span>
                      </button>
                    </>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The NHS error summary: the server's message and each field it named, linked to the field. */

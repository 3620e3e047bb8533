import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, type PlaceOverview, type RoutingRule, type RoutingRuleBody } from '../api';
import type { Code, useCodes } from '../codes';
import { FormErrorSummary, FormField, type FormProblem } from '../components/common';
import { humanise } from '../format';

/** The form an administrator adds or changes a routing rule with, at the version they read. */

export const actionLabels: Record<RoutingRule['action'], string> = {
  team: 'A named team',
  zone_team: "The team of the person's zone",
  not_covered: 'No team of this place covers it (signpost)',
};


/** Where the API names a field, the form control that holds it. */
const fieldIds: Record<string, string> = {
  position: 'rule-position',
  name: 'rule-name',
  clientGroups: 'rule-client-groups',
  needs: 'rule-needs',
  ageFrom: 'rule-age-from',
  ageTo: 'rule-age-to',
  zoneId: 'rule-zone',
  gpPracticeId: 'rule-practice',
  action: 'rule-action',
  teamId: 'rule-team',
  teamKind: 'rule-team-kind',
  signpost: 'rule-signpost',
};
const fieldLabels: Record<string, string> = {
  position: 'Position',
  name: 'What the rule does',
  clientGroups: 'Client groups',
  needs: 'Needs',
  ageFrom: 'Age from',
  ageTo: 'Age to',
  zoneId: 'Zone',
  gpPracticeId: 'GP practice',
  action: 'Sends to',
  teamId: 'Team',
  teamKind: 'Kind of zone team',
  signpost: 'Signpost',
};

type Draft = Omit<RoutingRuleBody, 'position' | 'ageFrom' | 'ageTo'> & { position: string; ageFrom: string; ageTo: string };

export const emptyDraft = (position: number): Draft => ({
  position: String(position),
  name: '',
  clientGroups: [],
  needs: [],
  ageFrom: '',
  ageTo: '',
  zoneId: null,
  gpPracticeId: null,
  action: 'team',
  teamId: null,
  teamKind: null,
  signpost: '',
});

export const draftOf = (r: RoutingRule): Draft => ({
  position: String(r.position),
  name: r.name,
  clientGroups: r.clientGroups,
  needs: r.needs,
  ageFrom: r.ageFrom === null ? '' : String(r.ageFrom),
  ageTo: r.ageTo === null ? '' : String(r.ageTo),
  zoneId: r.zone?.id ?? null,
  gpPracticeId: r.gpPractice?.id ?? null,
  action: r.action,
  teamId: r.team?.id ?? null,
  teamKind: r.teamKind,
  signpost: r.signpost,
});

/** A number typed, or null when left blank; what is not a number is sent as typed for the API to name. */
const numberOf = (s: string): number | null => (s.trim() === '' ? null : Number(s));

const bodyOf = (d: Draft): RoutingRuleBody => ({
  ...d,
  position: numberOf(d.position) ?? 0,
  ageFrom: numberOf(d.ageFrom),
  ageTo: numberOf(d.ageTo),
  teamId: d.action === 'team' ? d.teamId : null,
  teamKind: d.action === 'zone_team' ? d.teamKind : null,
});

/** The API's problems in the NHS error summary, each linked to the control it names; a 409 says someone else changed the rule. */
export function RuleProblems({ error }: { error: unknown }) {
  const problems: FormProblem[] =
    error instanceof ApiError && error.status === 409
      ? [{ text: 'Someone else changed this rule since you read it. Reload the rules and make your change again.' }]
      : error instanceof ApiError && error.details.length
        ? error.details.map((d) => ({ href: `#${fieldIds[d.field] ?? 'rule-name'}`, text: error.problemWith(d.field, fieldLabels[d.field]) ?? d.problem }))
        : [{ text: error instanceof Error ? error.message : String(error) }];
  return (
    <div data-testid="rule-problem">
      <FormErrorSummary problems={problems} attempt={0} />
    </div>
  );
}

type FormProps = {
  rule: RoutingRule | null;
  initial: Draft;
  place: PlaceOverview;
  codes: ReturnType<typeof useCodes>;
  onDone: (message: string) => void;
  onCancel: () => void;
};

export function RuleForm({ rule, initial, place, codes, onDone, onCancel }: FormProps) {
  const [d, setD] = useState<Draft>(initial);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => (rule ? api.changeRoutingRule(rule.id, rule.version, bodyOf(d)) : api.addRoutingRule(bodyOf(d))),
    onSuccess: async (saved) => {
      onDone(rule ? `The rule “${saved.name}” has been changed.` : `The rule “${saved.name}” has been added at position ${saved.position}.`);
      await queryClient.invalidateQueries({ queryKey: ['routing-rules'] });
    },
  });
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const problem = (field: string) => (save.error instanceof ApiError ? save.error.problemWith(field, fieldLabels[field]) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const practices = place.zones.flatMap((z) => z.practices);
  const teamKinds = [...new Set(place.teams.map((t) => t.kind))];
  return (
    <section aria-labelledby="rule-form-heading">
      <h2 id="rule-form-heading">{rule ? `Change the rule “${rule.name}”` : 'Add a rule'}</h2>
      {save.error ? <RuleProblems error={save.error} /> : null}
      <form onSubmit={submit} noValidate>
        <FormField id="rule-position" label={fieldLabels.position!} hint="Rules are tried from the lowest position up" error={problem('position')}>
          <input className="nhsuk-input nhsuk-input--width-4" id="rule-position" inputMode="numeric" value={d.position} onChange={(e) => set({ position: e.target.value })} />
        </FormField>
        <FormField id="rule-name" label={fieldLabels.name!} hint="In words, as the referral will give it as the reason" error={problem('name')}>
          <input className="nhsuk-input" id="rule-name" value={d.name} onChange={(e) => set({ name: e.target.value })} />
        </FormField>
        <FormField id="rule-client-groups" label={fieldLabels.clientGroups!} hint="None chosen: any client group. Hold Ctrl to choose more than one" error={problem('clientGroups')}>
          <MultiSelect id="rule-client-groups" values={d.clientGroups} onChange={(clientGroups) => set({ clientGroups })} options={codes?.clientGroups ?? []} />
        </FormField>
        <FormField id="rule-needs" label={fieldLabels.needs!} hint="None chosen: any need" error={problem('needs')}>
          <MultiSelect id="rule-needs" values={d.needs} onChange={(needs) => set({ needs })} options={codes?.referralNeeds ?? []} />
        </FormField>
        <FormField id="rule-age-from" label={fieldLabels.ageFrom!} hint="Blank: no lower limit" error={problem('ageFrom')}>
          <input className="nhsuk-input nhsuk-input--width-3" id="rule-age-from" inputMode="numeric" value={d.ageFrom} onChange={(e) => set({ ageFrom: e.target.value })} />
        </FormField>
        <FormField id="rule-age-to" label={fieldLabels.ageTo!} hint="Blank: no upper limit" error={problem('ageTo')}>
          <input className="nhsuk-input nhsuk-input--width-3" id="rule-age-to" inputMode="numeric" value={d.ageTo} onChange={(e) => set({ ageTo: e.target.value })} />
        </FormField>
        <FormField id="rule-zone" label={fieldLabels.zoneId!} error={problem('zoneId')}>
          <OneSelect id="rule-zone" value={d.zoneId} onChange={(zoneId) => set({ zoneId })} blank="Any zone" options={place.zones.map((z) => ({ value: z.id, label: z.name }))} />
        </FormField>
        <FormField id="rule-practice" label={fieldLabels.gpPracticeId!} error={problem('gpPracticeId')}>
          <OneSelect id="rule-practice" value={d.gpPracticeId} onChange={(gpPracticeId) => set({ gpPracticeId })} blank="Any GP practice" options={practices.map((p) => ({ value: p.id, label: p.name }))} />
        </FormField>
        <FormField id="rule-action" label={fieldLabels.action!} error={problem('action')}>
          <select className="nhsuk-select" id="rule-action" value={d.action} onChange={(e) => set({ action: e.target.value as Draft['action'] })}>
            {Object.entries(actionLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </FormField>
        {d.action === 'team' ? (
          <FormField id="rule-team" label={fieldLabels.teamId!} error={problem('teamId')}>
            <OneSelect id="rule-team" value={d.teamId} onChange={(teamId) => set({ teamId })} blank="Choose a team" options={place.teams.map((t) => ({ value: t.id, label: t.name }))} />
          </FormField>
        ) : null}
        {d.action === 'zone_team' ? (
          <FormField id="rule-team-kind" label={fieldLabels.teamKind!} hint="Blank: the zone's integrated team" error={problem('teamKind')}>
            <OneSelect id="rule-team-kind" value={d.teamKind} onChange={(teamKind) => set({ teamKind })} blank="The zone's integrated team" options={teamKinds.map((k) => ({ value: k, label: humanise(k) }))} />
          </FormField>
        ) : null}
        <FormField id="rule-signpost" label={fieldLabels.signpost!} hint="Where to send the person when no team of this place covers them" error={problem('signpost')}>
          <textarea className="nhsuk-textarea" id="rule-signpost" rows={3} value={d.signpost} onChange={(e) => set({ signpost: e.target.value })} />
        </FormField>
        <button className="nhsuk-button" type="submit" disabled={save.isPending}>
          {rule ? 'Save the change' : 'Add the rule'}
        </button>{' '}
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onCancel}>
          Cancel
        </button>
      </form>
    </section>
  );
}


function OneSelect(props: { id: string; value: string | null; onChange: (v: string | null) => void; blank: string; options: { value: string; label: string }[] }) {
  return (
    <select className="nhsuk-select" id={props.id} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || null)}>
      <option value="">{props.blank}</option>
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

function MultiSelect(props: { id: string; values: string[]; onChange: (v: string[]) => void; options: readonly Code[] }) {
  return (
    <select
      className="nhsuk-select caretrust-multi-select"
      id={props.id}
      multiple
      size={Math.min(8, Math.max(3, props.options.length))}
      value={props.values}
      onChange={(e) => props.onChange([...e.target.selectedOptions].map((o) => o.value))}
    >
      {props.options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

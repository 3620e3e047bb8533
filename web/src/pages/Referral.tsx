import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BackLink, Button, Form, Select, SummaryList, Textarea } from 'nhsuk-react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useCodes, useLabels } from '../codes';
import { FormErrorSummary, Loading, ProblemMessage, usePageTitle, type FormProblem } from '../components/common';
import { Confirmation, StatusTag, UrgencyTag, useNow, WhenWithAge } from '../components/pathway';
import { formatDuration } from '../format';
import { pathway, type Referral } from '../pathwayApi';
import { useSession } from '../session';
import type { FrontDoorState } from './FrontDoor';
import { AllocateForm } from './Team';
import { CodeOptions } from '../components/CodeOptions';
import { RoutingAnswer } from '../components/RoutingAnswer';

export function ReferralPage() {
  const { id = '' } = useParams();
  const referral = useQuery({ queryKey: ['referral', id], queryFn: () => pathway.referral(id) });
  if (referral.isPending) return <Loading what="the referral" />;
  if (referral.isError) return <ReferralProblem error={referral.error} />;
  return <ReferralView referral={referral.data} />;
}

function ReferralProblem({ error }: { error: unknown }) {
  usePageTitle('Referral', true);
  return (
    <>
      <BackLink asElement={Link} to="/">
        Back to your home page
      </BackLink>
      <h1>Referral</h1>
      <ProblemMessage error={error} heading="The referral could not be loaded" />
    </>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <SummaryList.Row>
      <SummaryList.Key>{label}</SummaryList.Key>
      <SummaryList.Value data-testid={testId}>{children}</SummaryList.Value>
    </SummaryList.Row>
  );
}

function ReferralView({ referral: r }: { referral: Referral }) {
  const outcomeLabel = useLabels('frontDoorOutcomes');
  const session = useSession();
  const now = useNow();
  const [confirmation, setConfirmation] = useState<string | null>(null);
  usePageTitle(`Referral for ${r.person.name}`);
  const role = session.user.role;
  const triages = r.status === 'received' && (role === 'coordinator' || role === 'team_manager');
  const inTeam = !!r.team && session.user.teams.some((t) => t.id === r.team?.id);
  const allocates = r.status === 'accepted' && inTeam;

  return (
    <>
      <BackLink asElement={Link} to={role === 'coordinator' ? '/front-door' : r.team && inTeam ? `/teams/${r.team.id}` : '/'}>
        {role === 'coordinator' ? 'Back to the front door' : r.team && inTeam ? `Back to ${r.team.name}` : 'Back to your home page'}
      </BackLink>
      <span className="nhsuk-caption-l">Referral</span>
      <h1>Referral for {r.person.name}</h1>
      <Confirmation>{confirmation}</Confirmation>
      <p data-testid="referral-status">
        <StatusTag status={r.status} /> <UrgencyTag urgency={r.urgency} />
      </p>
      <SummaryList data-testid="referral-details">
        <Row label="Person">
          <Link to={`/people/${encodeURIComponent(r.person.id)}`}>{r.person.name}</Link>
        </Row>
        <Row label="Source">
          {r.sourceLabel}
          {r.sourceName ? `: ${r.sourceName}` : ''}
        </Row>
        <Row label="Route of access">{r.routeOfAccess}</Row>
        <Row label="Reason">
          <span className="caretrust-pre-line">{r.reason}</span>
        </Row>
        <Row label="Received" testId="referral-received">
          <WhenWithAge at={r.receivedAt} now={now} />
        </Row>
        <Row label="Proposed team" testId="referral-routing">
          <RoutingAnswer referral={r} />
        </Row>
        {r.resolvedAt ? (
          <Row label="Resolved at the front door">
            {r.outcome ? outcomeLabel(r.outcome) : ''}
            {r.outcomeNote ? <span className="caretrust-access-detail">{r.outcomeNote}</span> : null}
            <span className="caretrust-access-detail">
              <WhenWithAge at={r.resolvedAt} now={now} />
            </span>
          </Row>
        ) : null}
        {r.acceptedAt ? (
          <Row label="Accepted to team">
            {r.team?.name ?? ''}
            <span className="caretrust-access-detail">
              <WhenWithAge at={r.acceptedAt} now={now} />
            </span>
          </Row>
        ) : null}
        {r.allocatedAt ? (
          <Row label="Allocated worker" testId="referral-worker">
            {r.worker?.name ?? ''}
            <span className="caretrust-access-detail">
              <WhenWithAge at={r.allocatedAt} now={now} />
            </span>
          </Row>
        ) : null}
        <Row label="Triage steps" testId="referral-steps">
          {r.triageSteps} of at most 2
        </Row>
        <Row label="Time from received to allocated" testId="referral-time-to-allocation">
          {r.minutesToAllocation !== null
            ? formatDuration(r.minutesToAllocation)
            : r.status === 'resolved' || r.status === 'closed'
              ? 'Not allocated'
              : `Not allocated yet: waiting ${formatDuration((now - new Date(r.receivedAt).getTime()) / 60_000)}`}
        </Row>
      </SummaryList>

      {triages ? <Triage referral={r} /> : null}
      {allocates && r.team ? (
        <section aria-labelledby="allocate-heading">
          <h2 id="allocate-heading">Allocate a worker</h2>
          <AllocateForm
            teamId={r.team.id}
            referralId={r.id}
            version={r.version}
            personName={r.person.name}
            onDone={(text) => setConfirmation(text)}
          />
        </section>
      ) : null}
    </>
  );
}

/** Step one, in one of two ways. Each has its own form so that neither hides the other. */
function Triage({ referral: r }: { referral: Referral }) {
  const codes = useCodes();
  const outcomeLabel = useLabels('frontDoorOutcomes');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const place = useQuery({ queryKey: ['place'], queryFn: () => api.place(), staleTime: 5 * 60_000 });
  const [teamId, setTeamId] = useState(r.proposedTeam?.id ?? '');
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ teamId?: string; outcome?: string; note?: string; form?: string }>({});
  const [attempt, setAttempt] = useState(0);

  const done = async (confirmation: string) => {
    await queryClient.invalidateQueries({ queryKey: ['referrals'] });
    await queryClient.invalidateQueries({ queryKey: ['referral', r.id] });
    const state: FrontDoorState = { confirmation };
    navigate('/front-door', { state });
  };
  const onError = (error: unknown) => {
    if (error instanceof ApiError) {
      const teamProblem = error.problemWith('teamId', 'Team');
      const outcomeProblem = error.problemWith('outcome', 'Outcome');
      const noteProblem = error.problemWith('note', 'Note');
      setErrors({
        teamId: teamProblem,
        outcome: outcomeProblem,
        note: noteProblem,
        form: teamProblem || outcomeProblem || noteProblem ? undefined : error.message,
      });
    } else setErrors({ form: 'The referral could not be triaged. Try again.' });
  };

  const accept = useMutation({
    mutationFn: () => pathway.acceptReferral(r.id, { teamId: teamId || undefined, version: r.version }),
    onSuccess: (updated) => done(`${r.person.name}'s referral was accepted and sent to ${updated.team?.name ?? 'the team'}.`),
    onError,
  });
  const resolve = useMutation({
    mutationFn: () => pathway.resolveReferral(r.id, { outcome, note: note.trim(), version: r.version }),
    onSuccess: () => done(`${r.person.name}'s referral was resolved at the front door: ${outcomeLabel(outcome).toLowerCase()}.`),
    onError,
  });

  function onAccept(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (!teamId) return setErrors({ teamId: 'Select the team to send the referral to' });
    setErrors({});
    accept.mutate();
  }
  function onResolve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (!outcome) return setErrors({ outcome: 'Select the outcome' });
    setErrors({});
    resolve.mutate();
  }

  const problems: FormProblem[] = [];
  if (errors.form) problems.push({ text: errors.form });
  if (errors.teamId) problems.push({ href: '#accept-team', text: errors.teamId });
  if (errors.outcome) problems.push({ href: '#resolve-outcome', text: errors.outcome });
  if (errors.note) problems.push({ href: '#resolve-note', text: errors.note });

  const teams = place.data?.teams ?? [];
  const zoneTeams = teams.filter((t) => t.kind === 'integrated_zone');
  const otherTeams = teams.filter((t) => t.kind !== 'integrated_zone' && t.kind !== 'single_point_of_entry');
  const busy = accept.isPending || resolve.isPending;

  return (
    <section aria-labelledby="triage-heading" data-testid="triage">
      <h2 id="triage-heading">Triage</h2>
      <p>Choose one. Triage takes a single step at the front door; the team then allocates a worker.</p>
      <FormErrorSummary problems={problems} attempt={attempt} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <div className="nhsuk-card">
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-card__heading">Accept to team</h3>
              <Form onSubmit={onAccept} noValidate aria-label="Accept to team">
                <Select
                  id="accept-team"
                  name="teamId"
                  label="Team"
                  labelProps={{ size: 's' }}
                  hint={r.proposedTeam ? `Proposed by the routing rules: ${r.proposedTeam.name}` : r.routing.outcome === 'not_covered' ? `No team of this place covers this referral; signpost: ${r.routing.signpost ?? ''}` : 'No team could be proposed: choose one.'}
                  value={teamId}
                  onChange={(e) => setTeamId(e.currentTarget.value)}
                  error={errors.teamId}
                >
                  {!r.proposedTeam ? <Select.Option value="">Choose a team</Select.Option> : null}
                  {r.proposedTeam && !teams.some((t) => t.id === r.proposedTeam?.id) ? (
                    <Select.Option value={r.proposedTeam.id}>{r.proposedTeam.name} (proposed)</Select.Option>
                  ) : null}
                  {zoneTeams.map((t) => (
                    <Select.Option key={t.id} value={t.id}>
                      {t.name}
                      {t.id === r.proposedTeam?.id ? ' (proposed)' : ''}
                    </Select.Option>
                  ))}
                  {otherTeams.map((t) => (
                    <Select.Option key={t.id} value={t.id}>
                      {t.name}
                    </Select.Option>
                  ))}
                </Select>
                <Button type="submit" disabled={busy}>
                  Accept and send to team
                </Button>
              </Form>
            </div>
          </div>
        </div>
        <div className="nhsuk-grid-column-one-half">
          <div className="nhsuk-card">
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-card__heading">Resolve at the front door</h3>
              <Form onSubmit={onResolve} noValidate aria-label="Resolve at the front door">
                <Select
                  id="resolve-outcome"
                  name="outcome"
                  label="Outcome"
                  labelProps={{ size: 's' }}
                  value={outcome}
                  onChange={(e) => setOutcome(e.currentTarget.value)}
                  error={errors.outcome}
                >
                  <Select.Option value="">Choose an outcome</Select.Option>
                  <CodeOptions list={codes?.frontDoorOutcomes} />
                </Select>
                <Textarea
                  id="resolve-note"
                  name="note"
                  label="Note"
                  labelProps={{ size: 's' }}
                  hint="What you advised, ordered or referred on to."
                  rows={3}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  error={errors.note}
                />
                <Button type="submit" secondary disabled={busy}>
                  Resolve at the front door
                </Button>
              </Form>
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}

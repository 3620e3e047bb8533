import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Select, Table, Tag } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { TeamTwentyEightDays } from '../components/HomePathway';
import { TeamMdtMeetings } from './Mdt';
import { FormErrorSummary, Loading, ProblemMessage, usePageTitle, type FormProblem } from '../components/common';
import { Confirmation, UrgencyTag, useNow, WhenWithAge } from '../components/pathway';
import { CaseloadPagination, caseloadKey, useCaseloadPage } from '../components/CaseloadPages';
import { useLabels } from '../codes';
import { formatDate, pluralise, sentenceCase } from '../format';
import { pathway, type Caseload, type CaseloadCase, type TeamMember } from '../pathwayApi';
import { useSession } from '../session';

/** What a page leaves for the team page to say when it navigates there. */
export type TeamState = { confirmation?: string };

export function useTeamName(teamId: string): string {
  const session = useSession();
  const place = useQuery({ queryKey: ['place'], queryFn: () => api.place(), staleTime: 5 * 60_000 });
  return (
    session.user.teams.find((t) => t.id === teamId)?.name ?? place.data?.teams.find((t) => t.id === teamId)?.name ?? 'Team'
  );
}

export function TeamPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const [confirmation, setConfirmation] = useState<string | null>((location.state as TeamState | null)?.confirmation ?? null);
  const name = useTeamName(id);
  usePageTitle(name);
  const now = useNow();
  const caseload = useCaseloadPage({ teamId: id });

  return (
    <>
      <span className="nhsuk-caption-l">Team</span>
      <h1 data-testid="team-name">{name}</h1>
      <Confirmation>{confirmation}</Confirmation>
      {caseload.isPending ? (
        <Loading what="the team's caseload" />
      ) : caseload.isError ? (
        <ProblemMessage error={caseload.error} />
      ) : (
        <>
          <ul className="caretrust-counts" data-testid="team-counts">
            <li>
              <span className="caretrust-count">{caseload.data.counts.open}</span> open{' '}
              {caseload.data.counts.open === 1 ? 'case' : 'cases'}
            </li>
            <li>
              <span className="caretrust-count">{caseload.data.counts.waiting}</span> waiting for a worker
            </li>
            <li>
              <span className="caretrust-count">{caseload.data.counts.unallocatedCases}</span> open without a worker
            </li>
          </ul>

          <section aria-labelledby="waiting-heading" data-testid="waiting-list">
            <h2 id="waiting-heading">Waiting list</h2>
            {caseload.data.waiting.length === 0 ? (
              <p>No accepted referral is waiting for a worker.</p>
            ) : (
              <>
                <p>Referrals accepted to the team and not yet allocated, the longest waiting first.</p>
                {[...caseload.data.waiting]
                  .sort((a, b) => (a.acceptedAt ?? a.receivedAt).localeCompare(b.acceptedAt ?? b.receivedAt))
                  .map((w) => (
                    <div className="nhsuk-card" key={w.referralId} data-testid="waiting-item" data-referral-id={w.referralId}>
                      <div className="nhsuk-card__content">
                        <h3 className="nhsuk-card__heading nhsuk-heading-s">
                          <Link to={`/people/${encodeURIComponent(w.person.id)}`}>{w.person.name}</Link>{' '}
                          <UrgencyTag urgency={w.urgency} />
                        </h3>
                        <p className="caretrust-pre-line">{w.reason}</p>
                        <p className="nhsuk-body-s">
                          Received <WhenWithAge at={w.receivedAt} now={now} />
                          {w.acceptedAt ? (
                            <>
                              . Accepted <WhenWithAge at={w.acceptedAt} now={now} />
                            </>
                          ) : null}
                          . <Link to={`/referrals/${encodeURIComponent(w.referralId)}`}>Open the referral<span className="nhsuk-u-visually-hidden"> for {w.person.name}</span></Link>
                        </p>
                        <AllocateForm
                          teamId={id}
                          referralId={w.referralId}
                          version={w.version}
                          personName={w.person.name}
                          members={caseload.data.members}
                          onDone={setConfirmation}
                        />
                      </div>
                    </div>
                  ))}
              </>
            )}
          </section>

          <section aria-labelledby="caseload-heading">
            <h2 id="caseload-heading">Caseload</h2>
            <CaseloadTable caseload={caseload.data} teamId={id} />
            <CaseloadPagination caseload={caseload.data} />
          </section>

          <TeamReviews teamId={id} />
          <TeamTwentyEightDays teamId={id} />
          <TeamMdtMeetings teamId={id} teamMembers={caseload.data.members} />

          <section aria-labelledby="workers-heading">
            <h2 id="workers-heading">Open cases per worker</h2>
            <WorkerCounts members={caseload.data.members} />
          </section>
        </>
      )}
    </>
  );
}

/** A page of a caseload, in the server's order: the most recently opened case first. */
export function CaseloadTable({ caseload, teamId, showTeam = false }: { caseload: Caseload; teamId?: string; showTeam?: boolean }) {
  const sectorLabel = useLabels('sectors');
  const { cases, page, counts } = caseload;
  if (cases.length === 0) return <p>No open cases.</p>;
  const caption = cases.length === counts.open ? pluralise(counts.open, 'open case') : `Open cases ${page.from} to ${page.to} of ${counts.open}`;
  return (
    <Table responsive caption={caption} captionProps={{ size: 's' }} data-testid="caseload-table">
      <Table.Head>
        <Table.Row>
          <Table.Cell>Person</Table.Cell>
          {showTeam ? <Table.Cell>Team</Table.Cell> : null}
          <Table.Cell>Worker</Table.Cell>
          <Table.Cell>Side</Table.Cell>
          <Table.Cell>Opened</Table.Cell>
          {teamId ? <Table.Cell>Action</Table.Cell> : null}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {cases.map((c: CaseloadCase) => (
          <Table.Row key={c.id} data-testid="case-row">
            <Table.Cell>
              <Link to={`/people/${encodeURIComponent(c.person.id)}`}>{c.person.name}</Link>
            </Table.Cell>
            {showTeam ? (
              <Table.Cell>
                <Link to={`/teams/${encodeURIComponent(c.team.id)}`}>{c.team.name}</Link>
              </Table.Cell>
            ) : null}
            <Table.Cell>{c.worker ? c.worker.name : 'No worker'}</Table.Cell>
            <Table.Cell>{sectorLabel(c.sector)}</Table.Cell>
            <Table.Cell>{formatDate(c.openedAt)}</Table.Cell>
            {teamId ? (
              <Table.Cell>
                <Link to={`/teams/${encodeURIComponent(teamId)}/cases/${encodeURIComponent(c.id)}`}>
                  Transfer or close<span className="nhsuk-u-visually-hidden"> the case of {c.person.name}</span>
                </Link>
              </Table.Cell>
            ) : null}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function WorkerCounts({ members }: { members: TeamMember[] }) {
  const professionLabel = useLabels('professions');
  if (members.length === 0) return <p>The team has no members today.</p>;
  const sorted = [...members].sort((a, b) => b.openCases - a.openCases || a.name.localeCompare(b.name));
  return (
    <Table caption="Members of the team and their open cases" captionProps={{ className: 'nhsuk-u-visually-hidden' }} data-testid="worker-counts">
      <Table.Head>
        <Table.Row>
          <Table.Cell>Worker</Table.Cell>
          <Table.Cell>Profession</Table.Cell>
          <Table.Cell>Role in the team</Table.Cell>
          <Table.Cell format="numeric">Open cases</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {sorted.map((m) => (
          <Table.Row key={m.id}>
            <Table.Cell>
              <Link to={`/staff/${m.id}`}>{m.name}</Link>
            </Table.Cell>
            <Table.Cell>{professionLabel(m.profession)}</Table.Cell>
            <Table.Cell>{sentenceCase(m.roleInTeam)}</Table.Cell>
            <Table.Cell format="numeric">{m.openCases}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** Step two: the team chooses a worker and the case opens on the caseload. */
export function AllocateForm({
  teamId,
  referralId,
  version,
  personName,
  members,
  onDone,
}: {
  teamId: string;
  referralId: string;
  version: number;
  personName: string;
  members?: TeamMember[];
  onDone: (confirmation: string) => void;
}) {
  const queryClient = useQueryClient();
  const professionLabel = useLabels('professions');
  const loaded = useQuery({
    queryKey: caseloadKey({ teamId }),
    queryFn: () => pathway.caseload({ teamId }),
    enabled: !members,
  });
  const list = members ?? loaded.data?.members ?? [];
  const [worker, setWorker] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const selectId = `allocate-${referralId}`;

  const allocate = useMutation({
    mutationFn: () => pathway.allocateReferral(referralId, { workerStaffId: worker, version }),
    onSuccess: async (r) => {
      onDone(`${personName} was allocated to ${r.worker?.name ?? 'the worker'}.`);
      await queryClient.invalidateQueries({ queryKey: ['caseload'] });
      await queryClient.invalidateQueries({ queryKey: ['referral', referralId] });
      await queryClient.invalidateQueries({ queryKey: ['referrals'] });
    },
    onError: (e) => {
      if (e instanceof ApiError) {
        const p = e.problemWith('workerStaffId', 'Worker');
        setError(p);
        setFormError(p ? undefined : e.message);
      } else setFormError('The referral could not be allocated. Try again.');
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setFormError(undefined);
    if (!worker) return setError('Select a worker to allocate');
    setError(undefined);
    allocate.mutate();
  }

  const problems: FormProblem[] = [];
  if (formError) problems.push({ text: formError });
  if (error) problems.push({ href: `#${selectId}`, text: error });
  const people = [...list].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <>
      <FormErrorSummary problems={problems} attempt={attempt} />
      <Form onSubmit={onSubmit} noValidate aria-label={`Allocate ${personName}`} className="caretrust-inline-form">
        <Select
          id={selectId}
          name="workerStaffId"
          label={`Worker for ${personName}`}
          labelProps={{ size: 's' }}
          value={worker}
          onChange={(e) => setWorker(e.currentTarget.value)}
          error={error}
        >
          <Select.Option value="">Choose a worker</Select.Option>
          {people.map((m) => (
            <Select.Option key={m.id} value={m.id}>
              {m.name}, {professionLabel(m.profession).toLowerCase()} ({pluralise(m.openCases, 'open case')})
            </Select.Option>
          ))}
        </Select>
        <Button type="submit" secondary disabled={allocate.isPending}>
          Allocate
        </Button>
      </Form>
    </>
  );
}

/** Reviews still due for people with an open case in the team, the overdue ones first. */
function TeamReviews({ teamId }: { teamId: string }) {
  const reviews = useQuery({ queryKey: ['reviews', 'team', teamId], queryFn: () => pathway.teamReviews(teamId), retry: false });
  if (reviews.isError) return null;
  return (
    <section aria-labelledby="team-reviews-heading" data-testid="team-reviews">
      <h2 id="team-reviews-heading">Reviews due</h2>
      {reviews.isPending ? (
        <Loading what="the reviews due" />
      ) : reviews.data.reviews.length === 0 ? (
        <p>No reviews are due.</p>
      ) : (
        <Table
          responsive
          caption={`${pluralise(reviews.data.reviews.length, 'review')} due, ${reviews.data.reviews.filter((r) => r.overdue).length} overdue`}
          captionProps={{ size: 's' }}
        >
          <Table.Head>
            <Table.Row>
              <Table.Cell>Person</Table.Cell>
              <Table.Cell>Due</Table.Cell>
              <Table.Cell>Kind</Table.Cell>
              <Table.Cell>Status</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {[...reviews.data.reviews]
              .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
              .slice(0, 50)
              .map((r) => (
                <Table.Row key={r.id}>
                  <Table.Cell>
                    <Link to={`/people/${encodeURIComponent(r.person.id)}`}>{r.person.name}</Link>
                  </Table.Cell>
                  <Table.Cell>{formatDate(r.dueOn)}</Table.Cell>
                  <Table.Cell>{sentenceCase(r.kind)}</Table.Cell>
                  <Table.Cell>{r.overdue ? <Tag modifier="red">{`Overdue by ${pluralise(r.daysOverdue, 'day')}`}</Tag> : <Tag modifier="blue">Due</Tag>}</Table.Cell>
                </Table.Row>
              ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BackLink, Button, Checkboxes, DateInput, Form, Select, SummaryList, Table, Textarea, TextInput } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api';
import { FormErrorSummary, Loading, ProblemMessage, usePageTitle, type FormProblem } from '../components/common';
import { Confirmation } from '../components/pathway';
import { MdtActionsTable } from '../components/PersonPathway';
import { useLabels } from '../codes';
import { formatDate, formatDateTime, pluralise } from '../format';
import { pathway, type MdtMeeting, type TeamMember } from '../pathwayApi';
import { isoOfParts, londonToday, partsOf, type DateParts } from '../date-parts';

const problemsOf = (errors: Record<string, string | undefined>, ids: Record<string, string>): FormProblem[] =>
  Object.entries(errors)
    .filter((e): e is [string, string] => !!e[1])
    .map(([k, text]) => (k === 'form' ? { text } : { href: `#${ids[k] ?? k}`, text }));

/** The team's MDT meetings, newest first, and a way to record one (its members as attendees, loaded unless given). */
export function TeamMdtMeetings({ teamId, teamMembers }: { teamId: string; teamMembers?: TeamMember[] }) {
  const professionLabel = useLabels('professions');
  const meetings = useQuery({ queryKey: ['mdt-meetings', teamId], queryFn: () => pathway.mdtMeetings(teamId), retry: false });
  const caseload = useQuery({ queryKey: ['caseload', 'team', teamId], queryFn: () => pathway.caseload({ teamId }), enabled: !teamMembers });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [heldOn, setHeldOn] = useState<DateParts>(partsOf(londonToday()));
  const [attendees, setAttendees] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [attempt, setAttempt] = useState(0);
  const hold = useMutation({
    mutationFn: (iso: string) => pathway.holdMdtMeeting({ teamId, heldOn: iso, attendeeStaffIds: attendees }),
    onSuccess: async (m) => {
      await queryClient.invalidateQueries({ queryKey: ['mdt-meetings', teamId] });
      navigate(`/mdt/${encodeURIComponent(m.id)}`);
    },
    onError: (e) => setErrors({ form: e instanceof ApiError ? e.message : 'The meeting could not be recorded. Try again.' }),
  });
  if (meetings.isError) return null;
  const members = [...(teamMembers ?? caseload.data?.members ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const iso = isoOfParts(heldOn);
    const next: Record<string, string | undefined> = {};
    if (!iso) next.heldOn = 'Enter the date of the meeting, a real date';
    if (attendees.length === 0) next.attendees = 'Select at least one person who attended';
    setErrors(next);
    if (iso && attendees.length) hold.mutate(iso);
  }

  return (
    <section aria-labelledby="mdt-meetings-heading" data-testid="team-mdt">
      <h2 id="mdt-meetings-heading">MDT meetings</h2>
      {meetings.isPending ? (
        <Loading what="the MDT meetings" />
      ) : meetings.data.meetings.length === 0 ? (
        <p>No MDT meetings recorded.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {meetings.data.meetings.slice(0, 10).map((m) => (
            <li key={m.id}>
              <Link to={`/mdt/${encodeURIComponent(m.id)}`}>{formatDate(m.heldOn)}</Link>, {pluralise(m.attendees, 'attendee')}
            </li>
          ))}
        </ul>
      )}
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Record a meeting</span>
        </summary>
        <div className="nhsuk-details__text">
          <FormErrorSummary problems={problemsOf(errors, { heldOn: 'mdt-held-on', attendees: 'mdt-attendees' })} attempt={attempt} />
          <Form onSubmit={onSubmit} noValidate aria-label="Record an MDT meeting">
            <DateInput id="mdt-held-on" legend="Date of the meeting" legendProps={{ size: 's' }} value={heldOn} onChange={(e) => setHeldOn({ ...heldOn, ...e.currentTarget.value })} error={errors.heldOn} />
            {/* The design system's checkboxes refuse to start without a box: wait for the members. */}
            {members.length === 0 ? (
              <p>{!teamMembers && caseload.isPending ? 'Loading the members of the team…' : 'The team has no members today.'}</p>
            ) : (
              <Checkboxes id="mdt-attendees" name="attendees" legend="Who attended" legendProps={{ size: 's' }} small error={errors.attendees}>
                {members.map((m) => (
                  <Checkboxes.Item
                    key={m.id}
                    id={`mdt-attendee-${m.id}`}
                    value={m.id}
                    checked={attendees.includes(m.id)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setAttendees((xs) => (on ? [...xs, m.id] : xs.filter((x) => x !== m.id)));
                    }}
                  >
                    {m.name}, {professionLabel(m.profession).toLowerCase()}
                  </Checkboxes.Item>
                ))}
              </Checkboxes>
            )}
            <Button type="submit" secondary disabled={hold.isPending}>
              Record the meeting
            </Button>
          </Form>
        </div>
      </details>
    </section>
  );
}

export function MdtMeetingPage() {
  const { id = '' } = useParams();
  const meeting = useQuery({ queryKey: ['mdt-meeting', id], queryFn: () => pathway.mdtMeeting(id) });
  usePageTitle(meeting.data ? `MDT meeting, ${formatDate(meeting.data.heldOn)}` : 'MDT meeting', meeting.isError);
  if (meeting.isPending) return <Loading what="the MDT meeting" />;
  if (meeting.isError)
    return (
      <>
        <BackLink asElement={Link} to="/">
          Back to your home page
        </BackLink>
        <h1>MDT meeting</h1>
        <ProblemMessage error={meeting.error} heading="The meeting could not be loaded" />
      </>
    );
  return <MeetingView meeting={meeting.data} />;
}

function MeetingView({ meeting: m }: { meeting: MdtMeeting }) {
  const [confirmation, setConfirmation] = useState<string | null>(null);
  return (
    <>
      <BackLink asElement={Link} to={`/teams/${encodeURIComponent(m.team.id)}`}>
        Back to {m.team.name}
      </BackLink>
      <span className="nhsuk-caption-l">{m.team.name}</span>
      <h1>MDT meeting, {formatDate(m.heldOn)}</h1>
      <Confirmation>{confirmation}</Confirmation>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Attended</SummaryList.Key>
          <SummaryList.Value>{m.attendees.map((a) => a.name).join(', ')}</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>

      <h2>Case list</h2>
      {m.cases.length === 0 ? (
        <p>No one has been discussed yet.</p>
      ) : (
        <Table caption="People discussed and the discussion note" captionProps={{ className: 'nhsuk-u-visually-hidden' }} data-testid="mdt-cases">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Person</Table.Cell>
              <Table.Cell>Discussion</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {m.cases.map((c) => (
              <Table.Row key={c.person.id}>
                <Table.Cell>
                  <Link to={`/people/${encodeURIComponent(c.person.id)}`}>{c.person.name}</Link>
                </Table.Cell>
                <Table.Cell>
                  <span className="caretrust-pre-line">{c.note || 'No note'}</span>
                  <span className="caretrust-access-detail">{formatDateTime(c.updatedAt)}</span>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <DiscussCase meeting={m} onDone={setConfirmation} />

      <h2>Actions</h2>
      {m.actions.length === 0 ? <p>No actions agreed yet.</p> : <MdtActionsTable actions={m.actions} showPerson caption="Actions agreed at the meeting" />}
      <AddAction meeting={m} onDone={setConfirmation} />
    </>
  );
}

function DiscussCase({ meeting: m, onDone }: { meeting: MdtMeeting; onDone: (text: string) => void }) {
  const queryClient = useQueryClient();
  const caseload = useQuery({ queryKey: ['caseload', 'team', m.team.id, 'every case'], queryFn: () => pathway.everyCase({ teamId: m.team.id }) });
  const [personId, setPersonId] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [attempt, setAttempt] = useState(0);
  const people = [...new Map((caseload.data ?? []).map((c) => [c.person.id, c.person.name])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const discuss = useMutation({
    mutationFn: () => pathway.discussCase(m.id, { personId, note: note.trim() }),
    onSuccess: async () => {
      onDone(`${people.find(([id]) => id === personId)?.[1] ?? 'The person'} is on the case list.`);
      setNote('');
      setPersonId('');
      await queryClient.invalidateQueries({ queryKey: ['mdt-meeting', m.id] });
    },
    onError: (e) => setErrors({ form: e instanceof ApiError ? e.message : 'The case could not be added. Try again.' }),
  });
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Add a person to the case list</span>
      </summary>
      <div className="nhsuk-details__text">
        <FormErrorSummary problems={problemsOf(errors, { personId: 'mdt-case-person' })} attempt={attempt} />
        <Form
          noValidate
          aria-label="Add a person to the case list"
          onSubmit={(e) => {
            e.preventDefault();
            setAttempt((n) => n + 1);
            if (!personId) return setErrors({ personId: 'Select the person discussed' });
            setErrors({});
            discuss.mutate();
          }}
        >
          <Select id="mdt-case-person" label="Person (from the team's caseload)" labelProps={{ size: 's' }} value={personId} onChange={(e) => setPersonId(e.currentTarget.value)} error={errors.personId}>
            <Select.Option value="">Choose a person</Select.Option>
            {people.map(([id, name]) => (
              <Select.Option key={id} value={id}>
                {name}
              </Select.Option>
            ))}
          </Select>
          <Textarea id="mdt-case-note" label="Discussion note" labelProps={{ size: 's' }} rows={3} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button type="submit" secondary disabled={discuss.isPending}>
            Add to the case list
          </Button>
        </Form>
      </div>
    </details>
  );
}

function AddAction({ meeting: m, onDone }: { meeting: MdtMeeting; onDone: (text: string) => void }) {
  const queryClient = useQueryClient();
  const caseload = useQuery({ queryKey: ['caseload', 'team', m.team.id], queryFn: () => pathway.caseload({ teamId: m.team.id }) });
  const [f, setF] = useState({ personId: '', ownerStaffId: '', description: '' });
  const [due, setDue] = useState<DateParts>({ day: '', month: '', year: '' });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [attempt, setAttempt] = useState(0);
  const owners = [...(caseload.data?.members ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const add = useMutation({
    mutationFn: (dueOn: string) => pathway.addMdtAction(m.id, { ...f, description: f.description.trim(), dueOn }),
    onSuccess: async (a) => {
      onDone(`Action for ${a.owner.name} added, due ${formatDate(a.dueOn)}.`);
      setF({ personId: '', ownerStaffId: '', description: '' });
      await queryClient.invalidateQueries({ queryKey: ['mdt-meeting', m.id] });
      await queryClient.invalidateQueries({ queryKey: ['mdt-actions'] });
    },
    onError: (e) => {
      if (e instanceof ApiError) {
        const next = {
          personId: e.problemWith('personId', 'Person'),
          ownerStaffId: e.problemWith('ownerStaffId', 'Owner'),
          description: e.problemWith('description', 'Action'),
          dueOn: e.problemWith('dueOn', 'Due date'),
        };
        setErrors(Object.values(next).some(Boolean) ? next : { form: e.message });
      } else setErrors({ form: 'The action could not be added. Try again.' });
    },
  });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const iso = isoOfParts(due);
    const next: Record<string, string | undefined> = {};
    if (!f.personId) next.personId = 'Select the person the action is about';
    if (!f.ownerStaffId) next.ownerStaffId = 'Select who owns the action';
    if (f.description.trim().length < 3) next.description = 'Enter what is to be done';
    if (!iso) next.dueOn = 'Enter the due date, a real date';
    setErrors(next);
    if (iso && !Object.values(next).some(Boolean)) add.mutate(iso);
  }
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Add an action</span>
      </summary>
      <div className="nhsuk-details__text">
        <FormErrorSummary
          problems={problemsOf(errors, { personId: 'mdt-action-person', ownerStaffId: 'mdt-action-owner', description: 'mdt-action-description', dueOn: 'mdt-action-due' })}
          attempt={attempt}
        />
        <Form onSubmit={onSubmit} noValidate aria-label="Add an action">
          <Select id="mdt-action-person" label="About" labelProps={{ size: 's' }} value={f.personId} onChange={(e) => setF({ ...f, personId: e.currentTarget.value })} error={errors.personId}>
            <Select.Option value="">Choose a person on the case list</Select.Option>
            {m.cases.map((c) => (
              <Select.Option key={c.person.id} value={c.person.id}>
                {c.person.name}
              </Select.Option>
            ))}
          </Select>
          <Select id="mdt-action-owner" label="Owner" labelProps={{ size: 's' }} value={f.ownerStaffId} onChange={(e) => setF({ ...f, ownerStaffId: e.currentTarget.value })} error={errors.ownerStaffId}>
            <Select.Option value="">Choose who will do it</Select.Option>
            {owners.map((o) => (
              <Select.Option key={o.id} value={o.id}>
                {o.name}
              </Select.Option>
            ))}
          </Select>
          <TextInput id="mdt-action-description" label="What is to be done" labelProps={{ size: 's' }} value={f.description} onChange={(e) => setF({ ...f, description: e.currentTarget.value })} error={errors.description} />
          <DateInput id="mdt-action-due" legend="Due" legendProps={{ size: 's' }} value={due} onChange={(e) => setDue({ ...due, ...e.currentTarget.value })} error={errors.dueOn} />
          <Button type="submit" secondary disabled={add.isPending}>
            Add the action
          </Button>
        </Form>
      </div>
    </details>
  );
}

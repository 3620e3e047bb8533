import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BackLink, Button, Form, Select, Tag, Textarea } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { FormErrorSummary, Loading, ProblemMessage, usePageTitle, type FormProblem } from '../components/common';
import { PersonLine } from '../components/pathway';
import { formatDate, formatDateTime, isoOf, pluralise } from '../format';
import { pathway, type CaseView } from '../pathwayApi';
import { useTeamName, type TeamState } from './Team';

/** One case: who, which team and worker, its history; transfer it or close it, both saying why. */
export function CasePage() {
  const { id: teamId = '', caseId = '' } = useParams();
  const teamName = useTeamName(teamId);
  const found = useQuery({ queryKey: ['case', caseId], queryFn: () => pathway.case(caseId), retry: false });
  usePageTitle(found.data ? `Case of ${found.data.person.name}` : 'Case');
  const back = (
    <BackLink asElement={Link} to={`/teams/${encodeURIComponent(teamId)}`}>
      Back to {teamName}
    </BackLink>
  );
  if (found.isPending) return <Loading what="the case" />;
  if (found.isError)
    return (
      <>
        {back}
        <h1>Case</h1>
        <ProblemMessage error={found.error} heading="The case could not be loaded" />
      </>
    );
  const c = found.data;
  return (
    <>
      {back}
      <span className="nhsuk-caption-l">{c.team.name}</span>
      <h1>Case of {c.person.name}</h1>
      <PersonLine person={c.person} testId="case-person" />
      <p data-testid="case-summary">
        {c.status === 'open' ? <Tag modifier="green">Open</Tag> : c.status === 'transferred' ? <Tag modifier="grey">Transferred</Tag> : <Tag modifier="grey">Closed</Tag>}{' '}
        Worker: {c.worker ? `${c.worker.name}, ${c.worker.professionLabel.toLowerCase()}` : 'no worker'}. Opened {formatDate(c.openedAt)}
        {c.closedAt ? `, closed ${formatDate(c.closedAt)}${c.closeReason ? `: ${c.closeReason}` : ''}` : ''}.{' '}
        <Link to={`/people/${encodeURIComponent(c.person.id)}`}>Open {c.person.name}'s record</Link>
        {c.transferredToCaseId ? (
          <>
            {' '}
            <Link to={`/teams/${encodeURIComponent(teamId)}/cases/${encodeURIComponent(c.transferredToCaseId)}`}>Open the case it became</Link>
          </>
        ) : null}
      </p>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {c.mayChange ? <CaseForms theCase={c} teamId={teamId} /> : <p>This case is {c.status === 'open' ? 'held by another team' : c.status}: it cannot be changed.</p>}
          <CaseHistory theCase={c} />
        </div>
      </div>
    </>
  );
}

function CaseHistory({ theCase: c }: { theCase: CaseView }) {
  return (
    <section aria-labelledby="case-history-heading" data-testid="case-history">
      <h2 id="case-history-heading">History of the case</h2>
      {c.withheld > 0 ? <p>{pluralise(c.withheld, 'step')} withheld because of the person's sharing preferences.</p> : null}
      {c.history.length === 0 ? (
        <p>No steps recorded.</p>
      ) : (
        <ol className="caretrust-timeline">
          {c.history.map((h, i) => (
            <li key={`${h.at}-${i}`} className="caretrust-timeline__item">
              <p className="caretrust-timeline__when">
                <time dateTime={isoOf(h.at)}>{formatDateTime(h.at)}</time>
              </p>
              <p className="caretrust-timeline__what">{h.summary}</p>
              <p className="caretrust-timeline__who">{h.by || 'Caretrust'}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function CaseForms({ theCase, teamId }: { theCase: CaseView; teamId: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const place = useQuery({ queryKey: ['place'], queryFn: () => api.place(), staleTime: 5 * 60_000 });
  const [target, setTarget] = useState('');
  const [transferReason, setTransferReason] = useState('');
  const [closeReason, setCloseReason] = useState('');
  const [errors, setErrors] = useState<{ target?: string; transferReason?: string; closeReason?: string; form?: string }>({});
  const [attempt, setAttempt] = useState(0);

  const finish = async (confirmation: string) => {
    await queryClient.invalidateQueries({ queryKey: ['caseload'] });
    await queryClient.invalidateQueries({ queryKey: ['case', theCase.id] });
    await queryClient.invalidateQueries({ queryKey: ['people'] });
    const state: TeamState = { confirmation };
    navigate(`/teams/${encodeURIComponent(teamId)}`, { state });
  };
  const onError = (which: 'transferReason' | 'closeReason') => (error: unknown) => {
    if (error instanceof ApiError) {
      const reason = error.problemWith('reason', 'Reason');
      const target = error.problemWith('teamId', 'Transfer to') ?? error.problemWith('workerStaffId', 'Transfer to');
      setErrors({ [which]: reason, target, form: reason || target ? undefined : error.message });
    } else setErrors({ form: 'That did not work. Try again.' });
  };

  const transfer = useMutation({
    mutationFn: () => {
      const [kind, targetId] = target.split(':');
      const body =
        kind === 'worker'
          ? { workerStaffId: targetId ?? null, reason: transferReason.trim(), version: theCase.version }
          : { teamId: targetId, reason: transferReason.trim(), version: theCase.version };
      return pathway.transferCase(theCase.id, body);
    },
    onSuccess: () => finish(`The case of ${theCase.person.name} was transferred.`),
    onError: onError('transferReason'),
  });
  const close = useMutation({
    mutationFn: () => pathway.closeCase(theCase.id, { reason: closeReason.trim(), version: theCase.version }),
    onSuccess: () => finish(`The case of ${theCase.person.name} was closed.`),
    onError: onError('closeReason'),
  });

  function onTransfer(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const next: typeof errors = {};
    if (!target) next.target = 'Select a worker or team to transfer to';
    if (transferReason.trim().length < 3) next.transferReason = 'Enter why the case is transferred';
    setErrors(next);
    if (!next.target && !next.transferReason) transfer.mutate();
  }
  function onClose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const next: typeof errors = {};
    if (closeReason.trim().length < 3) next.closeReason = 'Enter why the case closes';
    setErrors(next);
    if (!next.closeReason) close.mutate();
  }

  const problems: FormProblem[] = [];
  if (errors.form) problems.push({ text: errors.form });
  if (errors.target) problems.push({ href: '#transfer-to', text: errors.target });
  if (errors.transferReason) problems.push({ href: '#transfer-reason', text: errors.transferReason });
  if (errors.closeReason) problems.push({ href: '#close-reason', text: errors.closeReason });
  const otherTeams = (place.data?.teams ?? []).filter((t) => t.id !== teamId && t.kind !== 'single_point_of_entry');
  const workers = theCase.members.filter((m) => m.id !== theCase.worker?.id).sort((a, b) => a.name.localeCompare(b.name));

  return (
    <>
      <FormErrorSummary problems={problems} attempt={attempt} />
      <h2>Transfer the case</h2>
      <Form onSubmit={onTransfer} noValidate aria-label="Transfer the case">
        <Select id="transfer-to" name="target" label="Transfer to" labelProps={{ size: 's' }} value={target} onChange={(e) => setTarget(e.currentTarget.value)} error={errors.target}>
          <Select.Option value="">Choose a worker or a team</Select.Option>
          <optgroup label="Another worker in this team">
            {workers.map((m) => (
              <option key={m.id} value={`worker:${m.id}`}>
                {m.name}, {m.professionLabel.toLowerCase()}
              </option>
            ))}
          </optgroup>
          <optgroup label="Another team">
            {otherTeams.map((t) => (
              <option key={t.id} value={`team:${t.id}`}>
                {t.name}
              </option>
            ))}
          </optgroup>
        </Select>
        <Textarea id="transfer-reason" name="transferReason" label="Why the case is transferred" labelProps={{ size: 's' }} rows={3} value={transferReason} onChange={(e) => setTransferReason(e.currentTarget.value)} error={errors.transferReason} />
        <Button type="submit" secondary disabled={transfer.isPending || close.isPending}>
          Transfer the case
        </Button>
      </Form>
      <h2>Close the case</h2>
      <p>Closing the case ends the team's and the worker's relationship with {theCase.person.name}.</p>
      <Form onSubmit={onClose} noValidate aria-label="Close the case">
        <Textarea id="close-reason" name="closeReason" label="Why the case closes" labelProps={{ size: 's' }} rows={3} value={closeReason} onChange={(e) => setCloseReason(e.currentTarget.value)} error={errors.closeReason} />
        <Button type="submit" warning disabled={transfer.isPending || close.isPending}>
          Close the case
        </Button>
      </Form>
    </>
  );
}

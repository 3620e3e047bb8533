import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Form, Table, Tag, TextInput } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, type AuditEntry } from '../api';
import { Loading, ProblemMessage, usePageTitle } from '../components/common';
import { useLabels } from '../codes';
import { formatDateTime, humanise, isoOf } from '../format';

const pageSize = 50;

const actionLabels: Record<string, string> = {
  'person.search': 'Searched for people',
  'person.list': 'Listed their people',
  'person.read': 'Opened a record',
  'person.create': 'Added a person',
  'person.update': 'Changed a record',
  'person.merge': 'Merged two records',
  'person.match': 'Checked for duplicates',
  'person.history': "Read a record's history",
  'break_glass.open': 'Broke glass to open a record',
  'break_glass.queue': 'Read the break-glass queue',
  'break_glass.review': 'Reviewed a break-glass access',
};

/** "break_glass.open" → "Broke glass to open a record"; unknown codes stay readable, not hidden. */
function actionLabel(action: string): string {
  const known = actionLabels[action];
  if (known) return known;
  const [first, ...rest] = action.split('.');
  return [humanise(first ?? action), ...rest.map((r) => r.replace(/[_-]+/g, ' '))].join(': ');
}

function auditLink(filter: { personId?: string; userId?: string; before?: number | null }): string {
  const params = new URLSearchParams();
  if (filter.personId) params.set('personId', filter.personId);
  if (filter.userId) params.set('userId', filter.userId);
  if (filter.before !== undefined && filter.before !== null) params.set('before', String(filter.before));
  const s = params.toString();
  return s ? `/audit?${s}` : '/audit';
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const personId = params.get('personId')?.trim() || undefined;
  const userId = params.get('userId')?.trim() || undefined;
  const beforeParam = params.get('before');
  const before = beforeParam && /^\d+$/.test(beforeParam) ? Number(beforeParam) : null;

  const [personInput, setPersonInput] = useState(personId ?? '');
  const [userInput, setUserInput] = useState(userId ?? '');

  const log = useQuery({
    queryKey: ['audit', personId ?? null, userId ?? null, before],
    queryFn: () => api.audit({ personId, userId, before, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
  const badFilter = log.error instanceof ApiError && log.error.status === 400 ? log.error : null;
  usePageTitle('Audit log', !!badFilter);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (personInput.trim()) next.set('personId', personInput.trim());
    if (userInput.trim()) next.set('userId', userInput.trim());
    setParams(next);
  }

  const filterText = [
    personId ? `person ${personId}` : null,
    userId ? `user ${userId}` : null,
  ].filter(Boolean);

  return (
    <>
      <h1>Audit log</h1>
      <p>Every time someone reads or changes a person's record, signs in, or breaks glass, Caretrust writes it here.</p>
      <Form onSubmit={onSubmit} noValidate className="caretrust-audit-filter" aria-label="Filter the audit log">
        <TextInput
          id="audit-person-id"
          name="personId"
          label="Person ID"
          labelProps={{ size: 's' }}
          hint="The identifier of a person's record. Leave empty for everyone."
          width={30}
          code
          spellCheck={false}
          autoComplete="off"
          value={personInput}
          onChange={(e) => setPersonInput(e.currentTarget.value)}
          error={badFilter?.problemWith('personId', 'Person ID')}
        />
        <TextInput
          id="audit-user-id"
          name="userId"
          label="User ID"
          labelProps={{ size: 's' }}
          hint="The identifier of a member of staff. Leave empty for everyone."
          width={30}
          code
          spellCheck={false}
          autoComplete="off"
          value={userInput}
          onChange={(e) => setUserInput(e.currentTarget.value)}
          error={badFilter?.problemWith('userId', 'User ID')}
        />
        <div className="caretrust-button-row">
          <Button type="submit" secondary>
            Show entries
          </Button>
          {personId || userId ? (
            <p className="nhsuk-body">
              <Link to="/audit" onClick={() => {
                setPersonInput('');
                setUserInput('');
              }}>
                Clear the filter
              </Link>
            </p>
          ) : null}
        </div>
      </Form>

      {log.isPending ? (
        <Loading what="the audit log" />
      ) : log.isError ? (
        <ProblemMessage error={log.error} />
      ) : (
        <>
          <h2 className="nhsuk-heading-m" data-testid="audit-heading">
            {filterText.length ? `Entries for ${filterText.join(' and ')}` : 'All entries'}
            {before !== null ? ', older' : ', newest first'}
          </h2>
          {log.data.entries.length === 0 ? (
            <p>No entries.</p>
          ) : (
            <AuditTable entries={log.data.entries} />
          )}
          <nav className="caretrust-pager" aria-label="Audit log pages">
            <ul className="nhsuk-list caretrust-pager__list">
              {before !== null ? (
                <li>
                  <Link to={auditLink({ personId, userId })}>Newest entries</Link>
                </li>
              ) : null}
              {log.data.nextBefore !== null ? (
                <li>
                  <Link to={auditLink({ personId, userId, before: log.data.nextBefore })} data-testid="older-entries">
                    Older entries
                  </Link>
                </li>
              ) : null}
            </ul>
          </nav>
        </>
      )}
    </>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const roleLabel = useLabels('roles');
  return (
    <Table responsive caption="Audit entries, newest first" captionProps={{ className: 'nhsuk-u-visually-hidden' }} data-testid="audit-table">
      <Table.Head>
        <Table.Row>
          <Table.Cell>When</Table.Cell>
          <Table.Cell>Who</Table.Cell>
          <Table.Cell>Role</Table.Cell>
          <Table.Cell>Action</Table.Cell>
          <Table.Cell>People</Table.Cell>
          <Table.Cell>Outcome</Table.Cell>
          <Table.Cell>Reason</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {entries.map((e) => (
          <Table.Row key={e.seq}>
            <Table.Cell>
              <time dateTime={isoOf(e.at)}>{formatDateTime(e.at)}</time>
            </Table.Cell>
            <Table.Cell>
              {e.user ? <Link to={auditLink({ userId: e.user.id })}>{e.user.displayName}</Link> : 'No one signed in'}
            </Table.Cell>
            <Table.Cell>{e.role ? roleLabel(e.role) : ''}</Table.Cell>
            <Table.Cell>
              {actionLabel(e.action)}
              <span className="caretrust-code">{e.action}</span>
            </Table.Cell>
            <Table.Cell>
              {e.personIds.length === 0 ? (
                'None'
              ) : (
                <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                  {e.personIds.map((id) => (
                    <li key={id}>
                      <Link to={auditLink({ personId: id })} className="caretrust-id">
                        {id}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </Table.Cell>
            <Table.Cell>
              {e.outcome === 'denied' ? <Tag modifier="red">Denied</Tag> : humanise(e.outcome)}
            </Table.Cell>
            <Table.Cell>{e.reason ?? ''}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

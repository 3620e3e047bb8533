import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Radios, SummaryList, Tag, Textarea } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, type BreakGlassItem } from '../api';
import { FormErrorSummary, Loading, ProblemMessage, usePageTitle, type FormProblem } from '../components/common';
import { useLabels } from '../codes';
import { formatDateTime, isoOf, pluralise } from '../format';
import { canReadAudit, useSession } from '../session';

type Status = 'pending' | 'reviewed';
type Outcome = 'appropriate' | 'inappropriate';

export function ReviewsPage() {
  const [params] = useSearchParams();
  const status: Status = params.get('status') === 'reviewed' ? 'reviewed' : 'pending';
  const [confirmation, setConfirmation] = useState<string | null>(null);
  usePageTitle(status === 'pending' ? 'Break-glass reviews: waiting' : 'Break-glass reviews: reviewed');

  const list = useQuery({
    queryKey: ['break-glass', status],
    queryFn: () => api.breakGlassList(status),
  });

  return (
    <>
      <h1>Break-glass reviews</h1>
      <p>
        Every time someone opens a record without a relationship, Caretrust records it here. Check each reason and say
        whether the access was appropriate.
      </p>
      {confirmation ? (
        <div className="nhsuk-inset-text caretrust-confirmation" role="status" data-testid="review-confirmation">
          <span className="nhsuk-u-visually-hidden">Success: </span>
          <p>{confirmation}</p>
        </div>
      ) : null}
      <StatusTabs status={status} onChange={() => setConfirmation(null)} />
      <div id="review-panel">
        {list.isPending ? (
          <Loading what="break-glass accesses" />
        ) : list.isError ? (
          <ProblemMessage error={list.error} />
        ) : (
          <>
            <h2 className="nhsuk-heading-m" data-testid="review-count">
              {status === 'pending'
                ? list.data.items.length
                  ? `${pluralise(list.data.items.length, 'access', 'accesses')} waiting for review`
                  : 'Nothing is waiting for review'
                : list.data.items.length
                  ? `${pluralise(list.data.items.length, 'access', 'accesses')} reviewed`
                  : 'Nothing has been reviewed yet'}
            </h2>
            {list.data.items.map((item) =>
              status === 'pending' ? (
                <PendingItem key={item.id} item={item} onReviewed={setConfirmation} />
              ) : (
                <ReviewedItem key={item.id} item={item} />
              ),
            )}
          </>
        )}
      </div>
    </>
  );
}

/** Two views of one queue. Links, not scripted tabs: each view has its own address. */
function StatusTabs({ status, onChange }: { status: Status; onChange: () => void }) {
  const tabs: { value: Status; label: string; to: string }[] = [
    { value: 'pending', label: 'Waiting for review', to: '/reviews' },
    { value: 'reviewed', label: 'Reviewed', to: '/reviews?status=reviewed' },
  ];
  return (
    <nav className="nhsuk-tabs caretrust-link-tabs" aria-label="Review status">
      <ul className="nhsuk-tabs__list">
        {tabs.map((tab) => (
          <li
            key={tab.value}
            className={`nhsuk-tabs__list-item${tab.value === status ? ' nhsuk-tabs__list-item--selected' : ''}`}
          >
            <Link
              className="nhsuk-tabs__tab"
              to={tab.to}
              aria-current={tab.value === status ? 'page' : undefined}
              onClick={onChange}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function AccessSummary({ item }: { item: BreakGlassItem }) {
  const roleLabel = useLabels('roles');
  return (
    <SummaryList>
      <SummaryList.Row>
        <SummaryList.Key>Who</SummaryList.Key>
        <SummaryList.Value>{item.user.displayName}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Role</SummaryList.Key>
        <SummaryList.Value>{roleLabel(item.user.role)}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Person</SummaryList.Key>
        <SummaryList.Value>{item.person.name}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Reason</SummaryList.Key>
        <SummaryList.Value data-testid="review-reason">{item.reason}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>When</SummaryList.Key>
        <SummaryList.Value>
          <time dateTime={isoOf(item.validFrom)}>{formatDateTime(item.validFrom)}</time>
        </SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Expires</SummaryList.Key>
        <SummaryList.Value>
          <time dateTime={isoOf(item.validTo)}>{formatDateTime(item.validTo)}</time>
        </SummaryList.Value>
      </SummaryList.Row>
    </SummaryList>
  );
}

function AuditLink({ item }: { item: BreakGlassItem }) {
  const session = useSession();
  if (!canReadAudit(session.user.role)) return null;
  return (
    <p>
      <Link to={`/audit?personId=${encodeURIComponent(item.person.id)}`}>
        Audit log for {item.person.name}
      </Link>
    </p>
  );
}

function PendingItem({ item, onReviewed }: { item: BreakGlassItem; onReviewed: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ outcome?: string; note?: string; form?: string }>({});
  const [attempt, setAttempt] = useState(0);
  const prefix = `review-${item.id}`;

  const review = useMutation({
    mutationFn: (v: { outcome: Outcome; note: string }) => api.reviewBreakGlass(item.id, v.outcome, v.note),
    onSuccess: async (_reviewed, v) => {
      onReviewed(
        `You marked ${item.user.displayName}'s access to the record of ${item.person.name} as ${v.outcome}.`,
      );
      await queryClient.invalidateQueries({ queryKey: ['break-glass'] });
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const outcomeProblem = error.problemWith('outcome', 'Outcome');
        const noteProblem = error.problemWith('note', 'Review note');
        setErrors({
          outcome: outcomeProblem,
          note: noteProblem,
          form: outcomeProblem || noteProblem ? undefined : error.message,
        });
      } else {
        setErrors({ form: 'The review could not be saved. Try again.' });
      }
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const next: typeof errors = {};
    if (!outcome) next.outcome = 'Select whether the access was appropriate or inappropriate';
    if (outcome === 'inappropriate' && !note.trim()) next.note = 'Enter a note saying why the access was inappropriate';
    setErrors(next);
    if (next.outcome || next.note || !outcome) return;
    review.mutate({ outcome, note: note.trim() });
  }

  const problems: FormProblem[] = [];
  if (errors.form) problems.push({ text: errors.form });
  if (errors.outcome) problems.push({ href: `#${prefix}-appropriate`, text: errors.outcome });
  if (errors.note) problems.push({ href: `#${prefix}-note`, text: errors.note });

  return (
    <section className="nhsuk-card" aria-labelledby={`${prefix}-heading`} data-testid="review-item">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-m" id={`${prefix}-heading`}>
          {item.user.displayName} opened the record of {item.person.name}
        </h3>
        <AccessSummary item={item} />
        <AuditLink item={item} />
        <FormErrorSummary problems={problems} attempt={attempt} />
        <Form onSubmit={onSubmit} noValidate>
          <Radios
            id={`${prefix}-outcome`}
            name={`${prefix}-outcome`}
            legend="Was this access appropriate?"
            legendProps={{ size: 's' }}
            error={errors.outcome}
          >
            <Radios.Item
              id={`${prefix}-appropriate`}
              value="appropriate"
              checked={outcome === 'appropriate'}
              onChange={() => setOutcome('appropriate')}
            >
              Appropriate
            </Radios.Item>
            <Radios.Item
              id={`${prefix}-inappropriate`}
              value="inappropriate"
              checked={outcome === 'inappropriate'}
              onChange={() => setOutcome('inappropriate')}
            >
              Inappropriate
            </Radios.Item>
          </Radios>
          <Textarea
            id={`${prefix}-note`}
            name="note"
            label="Review note"
            labelProps={{ size: 's' }}
            hint="What you checked and what you found. Needed if the access was inappropriate."
            rows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <Button type="submit" secondary disabled={review.isPending}>
            Record review
          </Button>
        </Form>
      </div>
    </section>
  );
}

function ReviewedItem({ item }: { item: BreakGlassItem }) {
  const outcome = item.reviewStatus;
  return (
    <section className="nhsuk-card" aria-labelledby={`reviewed-${item.id}-heading`} data-testid="reviewed-item">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-m" id={`reviewed-${item.id}-heading`}>
          {item.user.displayName} opened the record of {item.person.name}
        </h3>
        <AccessSummary item={item} />
        <SummaryList>
          <SummaryList.Row>
            <SummaryList.Key>Outcome</SummaryList.Key>
            <SummaryList.Value data-testid="review-outcome">
              {outcome === 'inappropriate' ? (
                <Tag modifier="red">Inappropriate</Tag>
              ) : outcome === 'appropriate' ? (
                <Tag modifier="green">Appropriate</Tag>
              ) : (
                <Tag modifier="grey">{outcome}</Tag>
              )}
            </SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Reviewed by</SummaryList.Key>
            <SummaryList.Value>
              {item.reviewedBy?.displayName ?? 'Not known'}
              {item.reviewedAt ? (
                <>
                  {', '}
                  <time dateTime={isoOf(item.reviewedAt)}>{formatDateTime(item.reviewedAt)}</time>
                </>
              ) : null}
            </SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Note</SummaryList.Key>
            <SummaryList.Value>{item.reviewNote || 'No note'}</SummaryList.Value>
          </SummaryList.Row>
        </SummaryList>
        <AuditLink item={item} />
      </div>
    </section>
  );
}

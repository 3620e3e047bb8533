/** A person's reviews of their care and support: due, overdue and done, and the form that records one. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Radios, Select, Table, Tag, Textarea } from 'nhsuk-react-components';
import { useState } from 'react';
import { ApiError } from '../api';
import { useCodes } from '../codes';
import { formatDate, humanise } from '../format';
import { pathway } from '../pathwayApi';
import { FormErrorSummary, ProblemMessage, type FormProblem } from './common';
import { Confirmation } from './pathway';
import { CodeOptions } from './CodeOptions';

const reviewKindLabel = (kind: string) => (kind === 'planned' ? 'Planned' : kind === 'unplanned' ? 'Unplanned' : humanise(kind));
const achievedLabel: Record<string, string> = { fully: 'Fully achieved', partly: 'Partly achieved', not: 'Not achieved' };

/** Reviews of the person's care and support: due dates, overdue ones flagged, and their outcomes. */
export function PersonReviews({ personId }: { personId: string }) {
  const reviews = useQuery({ queryKey: ['reviews', 'person', personId], queryFn: () => pathway.reviewsOf(personId), retry: false });
  if (reviews.isError && reviews.error instanceof ApiError && reviews.error.status === 404) return null;
  return (
    <section aria-labelledby="reviews-heading" data-testid="person-reviews">
      <h2 id="reviews-heading">Reviews</h2>
      {reviews.isPending ? (
        <p role="status">Loading reviews…</p>
      ) : reviews.isError ? (
        <ProblemMessage error={reviews.error} heading="The reviews could not be loaded" />
      ) : reviews.data.reviews.length === 0 ? (
        <p>No reviews scheduled.</p>
      ) : (
        <>
          <Table caption="Reviews, latest due date first" captionProps={{ className: 'nhsuk-u-visually-hidden' }}>
            <Table.Head>
              <Table.Row>
                <Table.Cell>Due</Table.Cell>
                <Table.Cell>Kind</Table.Cell>
                <Table.Cell>Reason</Table.Cell>
                <Table.Cell>Status</Table.Cell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {reviews.data.reviews.map((r) => (
                <Table.Row key={r.id} data-testid="review-row">
                  <Table.Cell>{formatDate(r.dueOn)}</Table.Cell>
                  <Table.Cell>{reviewKindLabel(r.kind)}</Table.Cell>
                  <Table.Cell>{r.reason}</Table.Cell>
                  <Table.Cell>
                    {r.status === 'completed' ? (
                      <>
                        <Tag modifier="green">Completed</Tag>
                        <span className="caretrust-access-detail">
                          {r.completedAt ? formatDate(r.completedAt) : ''}
                          {r.outcomesAchieved ? `: ${(achievedLabel[r.outcomesAchieved] ?? r.outcomesAchieved).toLowerCase()}` : ''}
                          {r.changes ? `. Changes: ${r.changes}` : ''}
                        </span>
                      </>
                    ) : r.overdue ? (
                      <Tag modifier="red">Overdue</Tag>
                    ) : (
                      <Tag modifier="blue">Due</Tag>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {reviews.data.reviews
            .filter((r) => r.status !== 'completed')
            .slice(0, 1)
            .map((r) => (
              <CompleteReview key={r.id} personId={personId} reviewId={r.id} version={r.version} dueOn={r.dueOn} />
            ))}
        </>
      )}
    </section>
  );
}

function CompleteReview({ personId, reviewId, version, dueOn }: { personId: string; reviewId: string; version: number; dueOn: string }) {
  const codes = useCodes();
  const queryClient = useQueryClient();
  const [achieved, setAchieved] = useState<'fully' | 'partly' | 'not' | ''>('');
  const [outcome, setOutcome] = useState('Continuation of support or services');
  const [note, setNote] = useState('');
  const [changes, setChanges] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const complete = useMutation({
    mutationFn: () => pathway.completeReview(reviewId, { outcomesAchieved: achieved as 'fully', outcome, note: note.trim(), changes: changes.trim(), version }),
    onSuccess: async (r) => {
      setDone(`Review completed.${r.nextReview ? ` The next review is due on ${formatDate(r.nextReview.dueOn)}.` : ''}`);
      await queryClient.invalidateQueries({ queryKey: ['reviews', 'person', personId] });
      await queryClient.invalidateQueries({ queryKey: ['timeline', personId] });
    },
    onError: (e) => setErrors({ form: e instanceof ApiError ? e.message : 'The review could not be saved. Try again.' }),
  });
  const problems: FormProblem[] = Object.entries(errors)
    .filter((x): x is [string, string] => !!x[1])
    .map(([k, text]) => (k === 'form' ? { text } : { href: `#review-${k}`, text }));
  if (done) return <Confirmation>{done}</Confirmation>;
  return (
    <details className="nhsuk-details" data-testid="complete-review">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Record the review due {formatDate(dueOn)}</span>
      </summary>
      <div className="nhsuk-details__text">
        <FormErrorSummary problems={problems} attempt={attempt} />
        <Form
          noValidate
          aria-label="Record the review"
          onSubmit={(e) => {
            e.preventDefault();
            setAttempt((n) => n + 1);
            if (!achieved) return setErrors({ 'achieved-fully': 'Select how far the outcomes were achieved' });
            setErrors({});
            complete.mutate();
          }}
        >
          <Radios id="review-achieved" name="outcomesAchieved" legend="Were the outcomes of the plan achieved?" legendProps={{ size: 's' }} error={errors['achieved-fully']}>
            {(['fully', 'partly', 'not'] as const).map((a) => (
              <Radios.Item key={a} id={`review-achieved-${a}`} value={a} checked={achieved === a} onChange={() => setAchieved(a)}>
                {achievedLabel[a]}
              </Radios.Item>
            ))}
          </Radios>
          <Select id="review-outcome" label="What happens next (outcome)" labelProps={{ size: 's' }} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
            <CodeOptions list={codes?.eventOutcomes} />
          </Select>
          <Textarea id="review-note" label="Note" labelProps={{ size: 's' }} rows={3} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Textarea id="review-changes" label="Changes to the plan" labelProps={{ size: 's' }} rows={2} value={changes} onChange={(e) => setChanges(e.currentTarget.value)} />
          <Button type="submit" secondary disabled={complete.isPending}>
            Record the review
          </Button>
        </Form>
      </div>
    </details>
  );
}

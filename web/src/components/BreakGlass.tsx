/** Break-glass: a user with no relationship with the person states why they need the record now; the access is flagged for review. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BackLink, Button, Form, Textarea, WarningCallout } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api';
import { FormErrorSummary, usePageTitle, type FormProblem } from './common';

/** Back to the person search, from a record or from being refused one. */
export function BackToSearch() {
  return <BackLink asElement={Link} to="/people">Back to find a person</BackLink>;
}

/** The server refuses a shorter reason too (src/people/types.ts). */
const minimumReasonLength = 10;

export function BreakGlassPrompt({ personId, message }: { personId: string; message: string }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);

  const open = useMutation({
    mutationFn: (why: string) => api.breakGlass(personId, why),
    onSuccess: async () => {
      // Access changed: the record, and any lists that say who may open it, must be asked again.
      await queryClient.invalidateQueries({ queryKey: ['people'] });
      await queryClient.invalidateQueries({ queryKey: ['person', personId] });
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const problem = error.problemWith('reason', 'Reason for access');
        setReasonError(problem ?? (error.status === 400 ? error.message : undefined));
        setFormError(problem || error.status === 400 ? undefined : error.message);
      } else {
        setFormError('The record could not be opened. Try again.');
      }
    },
  });

  const problems: FormProblem[] = [];
  if (formError) problems.push({ text: formError });
  if (reasonError) problems.push({ href: '#break-glass-reason', text: reasonError });
  usePageTitle('Break glass to open this record?', problems.length > 0);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setFormError(undefined);
    const why = reason.trim();
    if (!why) return setReasonError('Enter a reason for access');
    if (why.length < minimumReasonLength)
      return setReasonError(`Reason for access must be at least ${minimumReasonLength} characters`);
    setReasonError(undefined);
    open.mutate(why);
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackToSearch />
        <FormErrorSummary problems={problems} attempt={attempt} />
        <span className="nhsuk-caption-l">Person record</span>
        <h1>You do not have a relationship with this person</h1>
        <p data-testid="forbidden-message">{message}</p>
        <WarningCallout data-testid="break-glass-warning">
          <WarningCallout.Heading headingLevel="h2">Important: opening this record will be recorded</WarningCallout.Heading>
          <p>
            You can open it without a relationship only if you need it to care for this person now ("breaking glass").
          </p>
          <p>
            Caretrust records your name, your role, the time and your reason. Your team manager and the auditor review
            every break-glass access, and your access ends after a short time.
          </p>
        </WarningCallout>
        <Form onSubmit={onSubmit} noValidate>
          <Textarea
            id="break-glass-reason"
            name="reason"
            label="Reason for access"
            labelProps={{ size: 's' }}
            hint={`Say why you need to see this record now. Use at least ${minimumReasonLength} characters.`}
            rows={4}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reasonError}
          />
          <Button type="submit" warning disabled={open.isPending}>
            Open record (break glass)
          </Button>
        </Form>
      </div>
    </div>
  );
}

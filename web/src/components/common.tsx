import { ErrorSummary } from 'nhsuk-react-components';
import { useCallback, useEffect, useId, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../api';

/** Sets the tab's title; NHS pattern: "Error: " first when the page shows errors. */
export function usePageTitle(title: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${title} – Caretrust`;
  }, [title, hasErrors]);
}

/**
 * A page's filters kept in its address (so a reload or a shared link shows the same), and a
 * setter that changes one of them in place: an empty value removes it, and the change replaces
 * the history entry rather than adding one per keystroke.
 */
export function useFilterParams(): [URLSearchParams, (key: string, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (key: string, value: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [params, set];
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="nhsuk-body" role="status">
      Loading {what}…
    </p>
  );
}

/** A failed request shown as the server explained it. */
export function ProblemMessage({ error, heading = 'There is a problem' }: { error: unknown; heading?: string }) {
  const titleId = useId();
  const message = error instanceof ApiError ? error.message : 'Something went wrong. Try again later.';
  return (
    <div className="nhsuk-error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1}>
      <h2 className="nhsuk-error-summary__title" id={titleId}>
        {heading}
      </h2>
      <div className="nhsuk-error-summary__body">
        <p>{message}</p>
      </div>
    </div>
  );
}

export type FormProblem = { href?: string; text: string };

/**
 * The error summary at the top of a form. `attempt` changes on every submission so the summary is
 * mounted afresh and NHS.UK frontend moves focus to it again.
 */
export function FormErrorSummary({ problems, attempt }: { problems: FormProblem[]; attempt: number }) {
  if (problems.length === 0) return null;
  return (
    <ErrorSummary key={attempt}>
      <ErrorSummary.Title>There is a problem</ErrorSummary.Title>
      <ErrorSummary.List>
        {problems.map((p, i) =>
          p.href ? (
            <ErrorSummary.ListItem key={i} href={p.href}>
              {p.text}
            </ErrorSummary.ListItem>
          ) : (
            <li key={i}>{p.text}</li>
          ),
        )}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

/** A labelled NHS form group with its hint and its error message (the control is the child). */
export function FormField({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? <div className="nhsuk-hint">{hint}</div> : null}
      {error ? (
        <span className="nhsuk-error-message">
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

import { Tag } from 'nhsuk-react-components';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useLabels } from '../codes';
import { formatDate, formatDateTime, formatDuration, formatNhsNumber, isoOf, minutesSince } from '../format';
import type { PersonRef } from '../pathwayApi';

/** The time now, moving on every `ms` so "waiting for …" stays true while a page is open. */
export function useNow(ms = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export function UrgencyTag({ urgency }: { urgency: string }) {
  const urgencyLabel = useLabels('urgencies');
  const modifier = urgency === 'emergency' ? 'red' : urgency === 'urgent' ? 'orange' : 'grey';
  return <Tag modifier={modifier}>{urgencyLabel(urgency)}</Tag>;
}

const statusWords: Record<string, { text: string; modifier: 'grey' | 'blue' | 'green' | 'purple' | 'white' | 'orange' | 'red' | 'yellow' | 'aqua-green' }> = {
  received: { text: 'Waiting for triage', modifier: 'orange' },
  resolved: { text: 'Resolved at the front door', modifier: 'green' },
  accepted: { text: 'Waiting for a worker', modifier: 'blue' },
  allocated: { text: 'Allocated', modifier: 'green' },
  closed: { text: 'Closed', modifier: 'grey' },
  in_progress: { text: 'In progress', modifier: 'blue' },
  completed: { text: 'Completed', modifier: 'green' },
  proposed: { text: 'Proposed', modifier: 'yellow' },
  approved: { text: 'Approved', modifier: 'blue' },
  in_place: { text: 'In place', modifier: 'green' },
  ended: { text: 'Ended', modifier: 'grey' },
};

export function StatusTag({ status }: { status: string }) {
  const s = statusWords[status] ?? { text: status.replace(/_/g, ' '), modifier: 'grey' as const };
  return <Tag modifier={s.modifier}>{s.text}</Tag>;
}

/** An instant in London time, and how long ago it was. */
export function WhenWithAge({ at, now, label = 'ago' }: { at: string; now: number; label?: string }) {
  return (
    <>
      <time dateTime={isoOf(at)}>{formatDateTime(at)}</time>
      <span className="caretrust-age">
        {' '}
        ({formatDuration(minutesSince(at, now))} {label})
      </span>
    </>
  );
}

/** A green-edged note that something was done, read out once by screen readers. */
export function Confirmation({ children, testId = 'confirmation' }: { children: ReactNode; testId?: string }) {
  if (!children) return null;
  return (
    <div className="nhsuk-inset-text caretrust-confirmation" role="status" data-testid={testId}>
      <span className="nhsuk-u-visually-hidden">Success: </span>
      <p>{children}</p>
    </div>
  );
}

/** A link that starts something, drawn as an NHS button (it navigates, so it stays a link). */
export function ButtonLink({ to, children, secondary = false }: { to: string; children: ReactNode; secondary?: boolean }) {
  return (
    <Link to={to} className={`nhsuk-button${secondary ? ' nhsuk-button--secondary' : ''}`} draggable={false}>
      {children}
    </Link>
  );
}

/** Under a page's heading: the NHS number and date of birth, to be sure it is the right person. */
export function PersonLine({ person, testId, children }: { person: PersonRef; testId?: string; children?: ReactNode }) {
  return (
    <p className="caretrust-secondary" data-testid={testId}>
      {person.nhsNumber ? <>NHS number {formatNhsNumber(person.nhsNumber)}. </> : 'No NHS number recorded. '}
      Born {formatDate(person.birthDate)}.{children}
    </p>
  );
}

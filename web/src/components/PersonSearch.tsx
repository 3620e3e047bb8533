import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { TextInput } from 'nhsuk-react-components';
import { useEffect, useState } from 'react';
import { useFilterParams } from './common';
import { api, ApiError } from '../api';
import { pluralise } from '../format';
import { PeopleTable } from './PeopleTable';

const debounceMs = 250;

function useDebounced<T>(value: T, ms: number): [T, (v: T) => void] {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return [debounced, setDebounced];
}

/**
 * Search as you type. The query lives in the address (?q=) so Back returns to the same results;
 * the server is asked once the typing pauses, and only for 2 characters or more.
 */
export function PersonSearch({ headingLevel = 'h2' }: { headingLevel?: 'h1' | 'h2' }) {
  const [params, setParam] = useFilterParams();
  const [q, setQ] = useState(() => params.get('q') ?? '');
  const [debounced, setDebounced] = useDebounced(q, debounceMs);
  const term = debounced.trim();
  const enabled = term.length >= 2;

  useEffect(() => {
    if ((params.get('q') ?? '') !== term) setParam('q', term);
  }, [term, params, setParam]);

  const search = useQuery({
    queryKey: ['people', 'search', term],
    queryFn: ({ signal }) => api.searchPeople(term, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  const Heading = headingLevel;
  const typedTooLittle = q.trim().length > 0 && q.trim().length < 2;
  const results = enabled ? search.data?.results : undefined;
  const error = enabled && search.error instanceof ApiError ? search.error : null;

  let status = '';
  if (typedTooLittle) status = 'Type at least 2 characters to search.';
  else if (enabled && search.isPending) status = 'Searching…';
  else if (enabled && results) {
    status = results.length
      ? `${pluralise(results.length, 'person', 'people')} found for “${term}”.`
      : `No one found for “${term}”. Check the spelling, or search by NHS number or date of birth.`;
  }

  return (
    <section aria-labelledby="person-search-heading" className="caretrust-person-search">
      <Heading id="person-search-heading" className={headingLevel === 'h1' ? undefined : 'nhsuk-heading-m'}>
        Find a person
      </Heading>
      <form
        role="search"
        aria-label="People"
        onSubmit={(e) => {
          e.preventDefault();
          setDebounced(q);
        }}
        noValidate
      >
        <TextInput
          id="person-search"
          name="q"
          type="search"
          label="Search by NHS number, name or date of birth"
          labelProps={{ size: 's' }}
          hint="For example, 943 476 5919, Mary Smith or 12/03/1941"
          autoComplete="off"
          spellCheck={false}
          width={30}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          error={error && error.status === 400 ? (error.problemWith('q', 'Search') ?? error.message) : undefined}
        />
      </form>
      <p className="nhsuk-body" role="status" aria-live="polite" data-testid="search-status">
        {status}
      </p>
      {error && error.status !== 400 ? (
        <p className="nhsuk-error-message" role="alert">
          {error.message}
        </p>
      ) : null}
      {results && results.length > 0 ? (
        <PeopleTable people={results} caption={`People matching “${term}”`} />
      ) : null}
    </section>
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Pagination } from 'nhsuk-react-components';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { CASELOAD_MAX_PAGE, pathway, type Caseload } from '../pathwayApi';

type Cursor = { after?: string; before?: string; limit?: number };

/**
 * The caseload page named in the address (`?after=` or `?before=`, and `?limit=` for another page
 * size), so Back, reload and shared links keep it.
 */
function useCursor(): Cursor {
  const [search] = useSearchParams();
  const after = search.get('after');
  const before = search.get('before');
  const limit = Number(search.get('limit'));
  return {
    ...(after ? { after } : before ? { before } : {}),
    ...(Number.isInteger(limit) && limit >= 1 && limit <= CASELOAD_MAX_PAGE ? { limit } : {}),
  };
}

/** The query key of a caseload's first page, which other parts of a page share (counts, members). */
export const caseloadKey = (f: { teamId?: string; staffId?: string }) => (f.teamId ? ['caseload', 'team', f.teamId] : ['caseload', 'staff', f.staffId]);

/** The page of a team's or worker's caseload that the address asks for; the page shown stays while the next loads. */
export function useCaseloadPage(f: { teamId?: string; staffId?: string }) {
  const cursor = useCursor();
  const key = Object.keys(cursor).length ? [...caseloadKey(f), cursor] : caseloadKey(f);
  return useQuery({ queryKey: key, queryFn: () => pathway.caseload({ ...f, ...cursor }), placeholderData: keepPreviousData });
}

/** "Showing 51 to 100 of 579 open cases", then Previous and Next in the NHS pattern. */
export function CaseloadPagination({ caseload }: { caseload: Caseload }) {
  const location = useLocation();
  const { page, counts } = caseload;
  if (counts.open === 0) return null;
  const to = (key: 'after' | 'before', id: string) => {
    const search = new URLSearchParams(location.search);
    search.delete('after');
    search.delete('before');
    search.set(key, id);
    return `${location.pathname}?${search.toString()}`;
  };
  const previousFrom = Math.max(1, page.from - page.limit);
  const nextTo = Math.min(counts.open, page.to + page.limit);
  return (
    <>
      <p data-testid="caseload-showing">
        Showing {page.from} to {page.to} of {counts.open} open {counts.open === 1 ? 'case' : 'cases'}, the most recently opened first.
      </p>
      {page.previousBefore || page.nextAfter ? (
        <Pagination aria-label="Pages of the caseload">
          {page.previousBefore ? (
            <Pagination.Link previous asElement={Link} to={to('before', page.previousBefore)} labelText={`Cases ${previousFrom} to ${page.from - 1}`}>
              Previous
            </Pagination.Link>
          ) : null}
          {page.nextAfter ? (
            <Pagination.Link next asElement={Link} to={to('after', page.nextAfter)} labelText={`Cases ${page.to + 1} to ${nextTo}`}>
              Next
            </Pagination.Link>
          ) : null}
        </Pagination>
      ) : null}
    </>
  );
}

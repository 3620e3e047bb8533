/**
 * The one way the web app talks to the server. Every request carries the session cookie; every
 * request that changes something also carries the CSRF token the server gave at sign-in (kept in
 * memory only, never in storage, and fetched again from GET /api/session when the page loads).
 */
import type { z } from 'zod';
import type { auditPage, breakGlassItem, breakGlassQueueSchema, sessionResponse } from '../../src/access/api-schemas';
import type { accountabilitySchema, delegationHistorySchema, placeOverviewSchema, routingRuleSchema, routingRulesSchema, staffRecordSchema, supersessionSchema } from '../../src/partnership/api-schemas';
import type { EndDelegationInput, NewDelegationInput, SupersedeDelegationInput } from '../../src/partnership/delegation-inputs';
import type {
  brokenGlassSchema,
  carerRelationshipSchema,
  carerRelationshipsSchema,
  myPeopleSchema,
  peopleFoundSchema,
  personRecordSchema,
  personSummarySchema,
} from '../../src/people/api-schemas';
import type { newCarerInput } from '../../src/people/carer-types';

export type FieldProblem = { field: string; problem: string };

/** An answer from the server that was not a success, with the server's own words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * The problem the server found with one field, as a sentence. The server words problems as the
   * rest of a sentence ("must be at least 10 characters"), so the field's label goes first.
   */
  problemWith(field: string, label?: string): string | undefined {
    const problem = this.details.find((d) => d.field === field)?.problem;
    if (!problem) return undefined;
    if (label && /^[a-z]/.test(problem)) return `${label} ${problem}`;
    return problem.charAt(0).toUpperCase() + problem.slice(1);
  }
}

let csrfToken: string | null = null;
let onUnauthorised: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session has gone (401) on any request but signing in. */
export function setUnauthorisedHandler(handler: (() => void) | null): void {
  onUnauthorised = handler;
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Do not treat a 401 as "the session ended" (signing in, asking whether there is a session). */
  quietUnauthorised?: boolean;
  signal?: AbortSignal;
  /** Extra headers, such as If-Match with the version read. */
  headers?: Record<string, string>;
};

const fallbackMessages: Record<number, string> = {
  400: 'Some of the information is not valid.',
  401: 'You need to sign in.',
  403: 'You do not have permission to do that.',
  404: 'Not found.',
  409: 'Someone else changed this first. Reload and try again.',
  429: 'Too many attempts. Wait a minute and try again.',
};

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'include',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Caretrust could not reach the server. Check your connection and try again.');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }

  if (!response.ok) {
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const message =
      typeof b.message === 'string' && b.message.trim()
        ? b.message
        : (fallbackMessages[response.status] ?? `Something went wrong (${response.status}). Try again later.`);
    const details = Array.isArray(b.details)
      ? (b.details as unknown[]).filter(
          (d): d is FieldProblem =>
            !!d && typeof d === 'object' && typeof (d as FieldProblem).field === 'string' && typeof (d as FieldProblem).problem === 'string',
        )
      : [];
    const kind = typeof b.error === 'string' ? b.error : String(response.status);
    if (response.status === 401 && !options.quietUnauthorised) onUnauthorised?.();
    throw new ApiError(response.status, kind, message, details, b);
  }
  return body as T;
}

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

// ---------------------------------------------------------------- types of the API's answers

export type Role =
  | 'coordinator'
  | 'social_worker'
  | 'nurse'
  | 'therapist'
  | 'team_manager'
  | 'finance_officer'
  | 'pooled_fund_manager'
  | 'commissioner'
  | 'board_member'
  | 'auditor'
  | 'administrator'
  | 'provider_staff';

export type Ref = { id: string; name: string };

export type SessionUser = Omit<SessionAnswer['user'], 'role'> & {
  /** The schema says a string; it is always one of the roles (GET /api/codes roles), which the pages decide on. */
  role: Role;
};

export type Session = Omit<SessionAnswer, 'user'> & { user: SessionUser };

type SessionAnswer = z.output<typeof sessionResponse>;

export type PersonRecord = z.output<typeof personRecordSchema>;
export type Zone = NonNullable<PersonRecord['zone']>;
export type GpPractice = NonNullable<PersonRecord['gpPractice']>;

/** A person found by a search, or (with the relationship) one of the user's own. */
export type PersonSummary = z.output<typeof personSummarySchema> & Partial<Pick<MyPeople['results'][number], 'relationship'>>;
export type PeopleFound = z.output<typeof peopleFoundSchema>;
export type MyPeople = z.output<typeof myPeopleSchema>;

export type CarerRelationship = z.output<typeof carerRelationshipSchema>;
export type CarerRelationships = z.output<typeof carerRelationshipsSchema>;
export type NewCarer = z.input<typeof newCarerInput>;

export type BreakGlassItem = z.output<typeof breakGlassItem>;
export type BreakGlassQueue = z.output<typeof breakGlassQueueSchema>;
export type BrokenGlass = z.output<typeof brokenGlassSchema>;

export type AuditPage = z.output<typeof auditPage>;
export type AuditEntry = AuditPage['entries'][number];

/** GET /api/place: the place, its partners, zones and their practices, teams, and delegations over time. */
export type PlaceOverview = z.output<typeof placeOverviewSchema>;
export type StaffRecord = z.output<typeof staffRecordSchema>;
export type Delegation = PlaceOverview['delegationHistory'][number];
export type DelegationHistory = z.output<typeof delegationHistorySchema>;
export type Accountability = z.output<typeof accountabilitySchema>;
export type Supersession = z.output<typeof supersessionSchema>;
export type RoutingRule = z.output<typeof routingRuleSchema>;
export type RoutingRules = z.output<typeof routingRulesSchema>;
/** The body of POST /api/routing-rules and PUT /api/routing-rules/:id. */
export type RoutingRuleBody = {
  position: number;
  name: string;
  clientGroups: string[];
  needs: string[];
  ageFrom: number | null;
  ageTo: number | null;
  zoneId: string | null;
  gpPracticeId: string | null;
  action: RoutingRule['action'];
  teamId: string | null;
  teamKind: string | null;
  signpost: string;
};

// ---------------------------------------------------------------- the calls

export const api = {
  delegations: () => request<DelegationHistory>('/api/delegations'),
  accountable: (q: { function: string; clientGroup: string; on: string }) =>
    request<Accountability>(`/api/delegations/accountable${query(q)}`),
  recordDelegation: (body: NewDelegationInput) => request<Delegation>('/api/delegations', { method: 'POST', body }),
  endDelegation: (id: string, body: EndDelegationInput) =>
    request<Delegation>(`/api/delegations/${encodeURIComponent(id)}/end`, { method: 'POST', body }),
  supersedeDelegation: (id: string, body: SupersedeDelegationInput) =>
    request<Supersession>(`/api/delegations/${encodeURIComponent(id)}/supersede`, { method: 'POST', body }),
  routingRules: (includeEnded: boolean) => request<RoutingRules>(`/api/routing-rules${query({ includeEnded: includeEnded ? 'true' : null })}`),
  addRoutingRule: (body: RoutingRuleBody) => request<RoutingRule>('/api/routing-rules', { method: 'POST', body }),
  changeRoutingRule: (id: string, version: number, body: RoutingRuleBody) =>
    request<RoutingRule>(`/api/routing-rules/${encodeURIComponent(id)}`, { method: 'PUT', body, headers: { 'if-match': `"${version}"` } }),
  endRoutingRule: (id: string, version: number) =>
    request<RoutingRule>(`/api/routing-rules/${encodeURIComponent(id)}/end`, { method: 'POST', headers: { 'if-match': `"${version}"` } }),
  signIn: (email: string, password: string) =>
    request<Session>('/api/session', { method: 'POST', body: { email, password }, quietUnauthorised: true }),
  session: () => request<Session>('/api/session', { quietUnauthorised: true }),
  signOut: () => request<void>('/api/session', { method: 'DELETE', quietUnauthorised: true }),

  searchPeople: (q: string, signal?: AbortSignal) =>
    request<PeopleFound>(`/api/people${query({ q, limit: 20 })}`, { signal }),
  myPeople: () => request<MyPeople>('/api/people/mine'),
  person: (id: string) => request<PersonRecord>(`/api/people/${encodeURIComponent(id)}`),
  breakGlass: (id: string, reason: string) =>
    request<BrokenGlass>(`/api/people/${encodeURIComponent(id)}/break-glass`, {
      method: 'POST',
      body: { reason },
    }),

  carersOf: (id: string) => request<CarerRelationships>(`/api/people/${encodeURIComponent(id)}/carers`),
  addCarer: (id: string, body: NewCarer) => request<CarerRelationship>(`/api/people/${encodeURIComponent(id)}/carers`, { method: 'POST', body }),
  endCarer: (id: string, relationshipId: string, body: { validTo: string; reason: string }) =>
    request<CarerRelationship>(`/api/people/${encodeURIComponent(id)}/carers/${encodeURIComponent(relationshipId)}/end`, { method: 'POST', body }),

  breakGlassList: (status: 'pending' | 'reviewed') =>
    request<BreakGlassQueue>(`/api/break-glass${query({ status })}`),
  reviewBreakGlass: (id: string, outcome: 'appropriate' | 'inappropriate', note: string) =>
    request<BreakGlassItem>(`/api/break-glass/${encodeURIComponent(id)}/review`, {
      method: 'POST',
      body: { outcome, note },
    }),

  audit: (filter: { personId?: string; userId?: string; before?: number | null; limit?: number }) =>
    request<AuditPage>(
      `/api/audit${query({ personId: filter.personId, userId: filter.userId, limit: filter.limit ?? 50, before: filter.before })}`,
    ),

  place: () => request<PlaceOverview>('/api/place'),
  staffRecord: (id: string) => request<StaffRecord>(`/api/staff/${encodeURIComponent(id)}`),
};


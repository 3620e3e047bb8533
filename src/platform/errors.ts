/** One error type per kind; mapped to HTTP in one place (platform/http.ts). */
export type ErrorDetail = { field: string; problem: string };

export class DomainError extends Error {
  constructor(
    readonly kind: 'invalid' | 'unauthorised' | 'forbidden' | 'not_found' | 'conflict' | 'duplicate',
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class InvalidError extends DomainError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('invalid', message, details);
  }
}
export class UnauthorisedError extends DomainError {
  constructor(message = 'Sign in first.') {
    super('unauthorised', message);
  }
}
export class ForbiddenError extends DomainError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super('forbidden', message, [], extra);
  }
}
export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('not_found', message);
  }
}
/** A stale version or a state that no longer allows the change. */
export class ConflictError extends DomainError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super('conflict', message, [], extra);
  }
}
/** The thing already exists (or probably does): the answer carries the candidates. */
export class DuplicateError extends DomainError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super('duplicate', message, [], extra);
  }
}

export const httpStatusOf: Record<DomainError['kind'], number> = {
  invalid: 400,
  unauthorised: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
};

/** Zod issues as the details of an InvalidError, for input that did not come through a route. */
export function invalidFromIssues(issues: { path: PropertyKey[]; message: string }[], prefix = ''): InvalidError {
  const details = issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || 'body', problem: i.message }));
  return new InvalidError(details.map((d) => `${d.field}: ${d.problem}`).join('; '), details);
}

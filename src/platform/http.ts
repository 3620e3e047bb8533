import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, httpStatusOf, type ErrorDetail } from './errors.js';

/** The one shape every error answer has. */
export type ErrorBody = { error: string; message: string; details: ErrorDetail[]; [extra: string]: unknown };

const kindOfStatus: Record<number, string> = {
  400: 'invalid',
  401: 'unauthorised',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

function detailsOfValidation(err: FastifyError): ErrorDetail[] {
  const where = err.validationContext ?? 'body';
  return (err.validation ?? []).flatMap((v) => {
    const params = v.params as { keys?: string[] } | undefined;
    const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (v.keyword === 'unrecognized_keys' && params?.keys?.length) {
      return params.keys.map((k) => ({ field: path ? `${path}.${k}` : k, problem: 'is not a field this request accepts' }));
    }
    return [{ field: path || where, problem: v.message ?? 'is not valid' }];
  });
}

function summarise(details: ErrorDetail[]): string {
  if (details.length === 0) return 'The request is not valid.';
  return details.map((d) => `${d.field}: ${d.problem}`).join('; ');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DomainError) {
      const body: ErrorBody = { error: err.kind, message: err.message, details: err.details, ...err.extra };
      return reply.code(httpStatusOf[err.kind]).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = detailsOfValidation(err);
      return reply.code(400).send({ error: 'invalid', message: summarise(details), details } satisfies ErrorBody);
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      let message = err.message;
      if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) {
        message = 'The body is not valid JSON: check quotes, commas and brackets.';
      } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        message = 'The body is too large.';
      } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        message = 'Send the body as application/json.';
      }
      const kind = kindOfStatus[status] ?? 'invalid';
      return reply.code(status).send({ error: kind, message, details: [] } satisfies ErrorBody);
    }
    req.log.error({ err }, 'unexpected error');
    return reply.code(500).send({ error: 'internal', message: 'Something went wrong on our side. It has been logged.', details: [] } satisfies ErrorBody);
  });
}

/** A version from If-Match: `"3"`, `W/"3"` or `3`. */
export function versionFromIfMatch(header: string | undefined): number | null {
  if (!header) return null;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  return m ? Number(m[1]) : null;
}

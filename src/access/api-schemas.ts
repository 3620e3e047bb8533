import { z } from 'zod';

export const errorBody = z.object({
  error: z.string(),
  message: z.string(),
  details: z.array(z.object({ field: z.string(), problem: z.string() })),
}).passthrough();

/** The error answers every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  429: errorBody,
};

const zoneRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const sessionResponse = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.string(),
    roleLabel: z.string(),
    staffId: z.string().nullable(),
    teams: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), zone: zoneRef, roleInTeam: z.string() })),
  }),
  place: z.object({ id: z.string(), preset: z.string(), name: z.string() }),
  csrfToken: z.string(),
  expiresAt: z.string(),
});

export const breakGlassItem = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  user: z.object({ id: z.string(), displayName: z.string(), role: z.string() }),
  reason: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  reviewStatus: z.string(),
  reviewedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
});

/** The break-glass review queue, and how many still wait for review. */
export const breakGlassQueueSchema = z.object({ items: z.array(breakGlassItem), pending: z.number() });

export const auditPage = z.object({
  entries: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      user: z.object({ id: z.string(), displayName: z.string() }).nullable(),
      role: z.string(),
      action: z.string(),
      personIds: z.array(z.string()),
      outcome: z.string(),
      reason: z.string(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
  nextBefore: z.number().nullable(),
});

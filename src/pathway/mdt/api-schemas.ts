/** MDT meetings and their actions as the API answers them (the web app reads these types). */
import { z } from 'zod';
import { refSchema } from '../api-schemas.js';

export const mdtActionSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  person: refSchema,
  owner: refSchema,
  description: z.string(),
  dueOn: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});

export const mdtActionsSchema = z.object({ actions: z.array(mdtActionSchema) });

export const heldMeetingSchema = z.object({ id: z.string() });

export const mdtMeetingSummarySchema = z.object({ id: z.string(), heldOn: z.string(), attendees: z.number() });

export const mdtMeetingsSchema = z.object({ meetings: z.array(mdtMeetingSummarySchema) });

export const mdtMeetingSchema = z.object({
  id: z.string(),
  team: refSchema,
  heldOn: z.string(),
  attendees: z.array(refSchema),
  cases: z.array(z.object({ person: refSchema, note: z.string(), updatedAt: z.string() })),
  actions: z.array(mdtActionSchema),
});

export const discussedCaseSchema = z.object({ meetingId: z.string(), personId: z.string() });

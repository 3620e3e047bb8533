/** The person's timeline as the API answers it (the web app reads these types). */
import { z } from 'zod';
import { subjectTypes } from '../api-schemas.js';

export const timelineItemSchema = z.object({
  at: z.string(),
  kind: z.string(),
  action: z.string(),
  summary: z.string(),
  sector: z.string(),
  by: z.string(),
  /** What the entry is about, and its id: a referral, case, assessment, plan, service line … */
  subjectType: z.enum(subjectTypes).nullable(),
  subjectId: z.string().nullable(),
  /** The record the subject belongs to, where it has no page of its own (a line's plan, an action's meeting). */
  parent: z.object({ type: z.enum(['plan', 'mdt_meeting']), id: z.string() }).nullable(),
});

export const timelineSchema = z.object({ items: z.array(timelineItemSchema), withheld: z.number() });

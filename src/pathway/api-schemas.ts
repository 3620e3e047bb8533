/**
 * Pieces of the care pathway's answers that several of its modules share. Like every
 * api-schemas.ts, this imports only zod: the web app infers its answer types from these files.
 */
import { z } from 'zod';

/** A team, a worker or another named thing: its id and the name to show. */
export const refSchema = z.object({ id: z.string(), name: z.string() });

/** Who a record is about: enough to be sure it is the right person. */
export const personRefSchema = z.object({ id: z.string(), name: z.string(), nhsNumber: z.string().nullable(), birthDate: z.string() });

/**
 * What a timeline entry is about: the record its subjectId names. A page filters by it and links
 * to the record; it follows from the step's action, so every entry ever written has one.
 */
export const subjectTypes = ['referral', 'case', 'assessment', 'plan', 'service_line', 'review', 'mdt_meeting', 'mdt_action', 'stay'] as const;

import { z } from 'zod';
import { isoDate } from '../../people/types.js';

export const newMeetingInput = z.strictObject({
  teamId: z.uuid('must be a team id'),
  heldOn: isoDate,
  attendeeStaffIds: z.array(z.uuid('must be a staff id')).min(1, 'list at least one attendee').max(50),
});

export const caseNoteInput = z.strictObject({
  personId: z.uuid('must be a person id'),
  note: z.string().trim().max(4000, 'must be at most 4000 characters').default(''),
});

export const newActionInput = z.strictObject({
  personId: z.uuid('must be a person id'),
  ownerStaffId: z.uuid('must be a staff id'),
  description: z.string().trim().min(3, 'must say what is to be done').max(1000, 'must be at most 1000 characters'),
  dueOn: isoDate,
});

export const actionsQuery = z.strictObject({
  ownerStaffId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

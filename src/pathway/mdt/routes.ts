import { z } from 'zod';
import type { AppInstance } from '../../platform/app-instance.js';
import { errorResponses } from '../../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../../platform/request-context.js';
import { discussedCaseSchema, heldMeetingSchema, mdtActionSchema, mdtActionsSchema, mdtMeetingSchema, mdtMeetingsSchema } from './api-schemas.js';
import { actionsOfPerson, addAction, completeAction, discussCase, holdMeeting, meetingDetail, meetingsOfTeam, openActionsOf } from './service.js';
import { actionsQuery, caseNoteInput, newActionInput, newMeetingInput } from './types.js';

const idParams = z.object({ id: z.uuid('must be an id (a UUID)') });

export async function mdtRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.post(
    '/api/mdt-meetings',
    { schema: { tags: ['MDT'], summary: 'Record an MDT meeting of a team', body: newMeetingInput, response: { 201: heldMeetingSchema, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await holdMeeting(ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/mdt-meetings',
    {
      schema: {
        tags: ['MDT'],
        summary: 'A team’s MDT meetings, newest first',
        querystring: z.strictObject({ teamId: z.uuid('must be a team id') }),
        response: { 200: mdtMeetingsSchema, ...errorResponses },
      },
    },
    async (req) => ({ meetings: await meetingsOfTeam(ctxOf(req, deps), req.query.teamId) }),
  );
  app.get(
    '/api/mdt-meetings/:id',
    {
      schema: {
        tags: ['MDT'],
        summary: 'An MDT meeting: attendees, case list with discussion notes, actions',
        params: idParams,
        response: { 200: mdtMeetingSchema, ...errorResponses },
      },
    },
    async (req) => meetingDetail(ctxOf(req, deps), req.params.id),
  );
  app.post(
    '/api/mdt-meetings/:id/cases',
    {
      schema: {
        tags: ['MDT'],
        summary: 'Put a person on the case list with the discussion note (again: replaces the note)',
        params: idParams,
        body: caseNoteInput,
        response: { 200: discussedCaseSchema, ...errorResponses },
      },
    },
    async (req) => discussCase(ctxOf(req, deps), req.params.id, req.body),
  );
  app.post(
    '/api/mdt-meetings/:id/actions',
    { schema: { tags: ['MDT'], summary: 'An action with an owner and a due date', params: idParams, body: newActionInput, response: { 201: mdtActionSchema, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addAction(ctxOf(req, deps), req.params.id, req.body)),
  );
  app.post(
    '/api/mdt-actions/:id/done',
    { schema: { tags: ['MDT'], summary: 'Mark an action done', params: idParams, response: { 200: mdtActionSchema, ...errorResponses } } },
    async (req) => completeAction(ctxOf(req, deps), req.params.id),
  );
  app.get(
    '/api/mdt-actions',
    {
      schema: {
        tags: ['MDT'],
        summary: 'Open MDT actions of an owner (default: the signed-in user); overdue=true for the late ones',
        querystring: actionsQuery,
        response: { 200: mdtActionsSchema, ...errorResponses },
      },
    },
    async (req) => ({ actions: await openActionsOf(ctxOf(req, deps), { ownerStaffId: req.query.ownerStaffId, overdue: req.query.overdue === 'true' }) }),
  );
  app.get(
    '/api/people/:id/mdt-actions',
    { schema: { tags: ['MDT'], summary: 'The person’s MDT actions (overdue ones flagged)', params: idParams, response: { 200: mdtActionsSchema, ...errorResponses } } },
    async (req) => ({ actions: await actionsOfPerson(ctxOf(req, deps), req.params.id) }),
  );
}

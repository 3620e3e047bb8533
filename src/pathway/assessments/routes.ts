import { z } from 'zod';
import type { AppInstance } from '../../platform/app-instance.js';
import { errorResponses } from '../../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../../platform/request-context.js';
import { assessmentsSchema, assessmentViewSchema, savedSectionSchema } from './api-schemas.js';
import { sectionNames, type SectionName } from './sections.js';
import { assessmentsOf, completeAssessment, getAssessment, saveSection, startAssessment } from './service.js';
import { completeInput, newAssessmentInput, saveSectionInput, sectionParams } from './types.js';

const idParams = z.strictObject({ id: z.uuid('must be an assessment id (a UUID)') });
const personParams = z.strictObject({ id: z.uuid('must be a person id (a UUID)') });

/** The single shared assessment: one form, several authors, saved as they type. */
export async function assessmentsRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.post(
    '/api/assessments',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Start an assessment: the person’s needs, or a carer’s (linked to the person cared for)',
        description: 'Through the access policy for the person (and, for a carer’s assessment, the person cared for). 409 with existingId when one of the same kind is already in progress.',
        body: newAssessmentInput,
        response: { 201: assessmentViewSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const view = await startAssessment(ctxOf(req, deps), req.body);
      reply.code(201).header('location', `/api/assessments/${view.id}`).header('etag', `"${view.version}"`);
      return view;
    },
  );

  app.get(
    '/api/assessments/:id',
    {
      schema: {
        tags: ['pathway'],
        summary: 'An assessment with every section, its author, sector, time and version',
        description: `Sections: ${sectionNames.join(', ')}. When the person objects to sharing, sections of the other sector are withheld (content null). eligibility is the rule computed now; eligibilityComputed the rule as recorded at completion.`,
        params: idParams,
        response: { 200: assessmentViewSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const view = await getAssessment(ctxOf(req, deps), req.params.id);
      reply.header('etag', `"${view.version}"`);
      return view;
    },
  );

  app.get(
    '/api/people/:id/assessments',
    {
      schema: {
        tags: ['pathway'],
        summary: 'A person’s assessments, newest first',
        params: personParams,
        response: { 200: assessmentsSchema, ...errorResponses },
      },
    },
    async (req) => ({ assessments: await assessmentsOf(ctxOf(req, deps), req.params.id) }),
  );

  app.put(
    '/api/assessments/:id/sections/:section',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Save one section as you type (version 0 or absent starts it; otherwise the version you read)',
        description: 'A stale version answers 409 with currentVersion and current {content, author, updatedAt}, so nothing typed is lost. A completed assessment is read-only (409).',
        params: sectionParams,
        body: saveSectionInput,
        response: { 200: savedSectionSchema, ...errorResponses },
      },
    },
    async (req) => saveSection(ctxOf(req, deps), req.params.id, req.params.section as SectionName, req.body),
  );

  app.post(
    '/api/assessments/:id/complete',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Complete an assessment: eligibility decision (optional), CLD outcome, the version you read',
        description:
          'The three-condition rule (carers: reg 3) is computed from the sections; a decision that differs needs overrideReason (10+ characters). With a decision the assessment type is Long term assessment, without one Short term assessment.',
        params: idParams,
        body: completeInput,
        response: { 200: assessmentViewSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const view = await completeAssessment(ctxOf(req, deps), req.params.id, req.body);
      reply.header('etag', `"${view.version}"`);
      return view;
    },
  );
}

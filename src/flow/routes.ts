import { z } from 'zod';
import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { boardSchema, flowMeasuresSchema, stayViewSchema, staysSchema } from './api-schemas.js';
import { dischargeBoard } from './board.js';
import { onServiceLineChange } from '../pathway/plans/line-events.js';
import { awaitedPackageChanged } from './package-link.js';
import { flowMeasures, measureCsv } from './measures.js';
import { admitStay, getStay, recordStayEvent, staysOfPerson, type StayEventInput, type StayView } from './stays.js';
import { admitInput, awaitingInput, boardQuery, dischargeInput, measureCsvQuery, measuresQuery, notReadyInput, readyInput, resolveAwaitingInput, wardMoveInput } from './types.js';

const stayAnswer = stayViewSchema.extend({ replayed: z.boolean() });
const idParams = z.object({ id: z.uuid('must be a stay id (a UUID)') });
const personParams = z.object({ id: z.uuid('must be a person id (a UUID)') });

const answer = (r: { view: StayView; replayed: boolean }) => ({ ...r.view, replayed: r.replayed });

export async function flowRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  // A stay awaiting a package hears of the service line agreed for it, and of its start (package-link.ts).
  onServiceLineChange('flow.awaited-package', awaitedPackageChanged);
  app.post(
    '/api/stays',
    {
      schema: {
        tags: ['hospital flow'],
        summary: 'Admit: a hospital stay begins (the acute trust’s system, or a practitioner)',
        description:
          'Idempotent on (sourceSystem, eventId) — eventId defaults to admit:<sourceStayId> — and on (sourceSystem, sourceStayId): sending the same admission again answers 200 with replayed true and changes nothing. A person is in one hospital stay at a time: 409 when another stay of the person is open (the detail names the person field) or was discharged after this admission (the detail names at); an admission at the instant of a discharge (a transfer) is allowed. The integration role posts without reading the person; practitioners go through the access policy.',
        body: admitInput,
        response: { 200: stayAnswer, 201: stayAnswer, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await admitStay(ctxOf(req, deps), req.body);
      reply.code(r.replayed ? 200 : 201).header('location', `/api/stays/${r.view.id}`);
      return answer(r);
    },
  );

  const eventRoute = <S extends z.ZodType>(path: string, summary: string, body: S, kind: StayEventInput['kind']) =>
    app.post(
      `/api/stays/:id/${path}`,
      {
        schema: {
          tags: ['hospital flow'],
          summary,
          description: 'Idempotent on (sourceSystem, eventId): the same event again answers replayed true and changes nothing. Events before the admission are 400; after the discharge, or earlier than the stay’s latest event, 409.',
          params: idParams,
          body,
          response: { 200: stayAnswer, ...errorResponses },
        },
      },
      async (req) => answer(await recordStayEvent(ctxOf(req, deps), (req.params as { id: string }).id, { ...(req.body as object), kind } as StayEventInput)),
    );
  eventRoute('ward-moves', 'Ward move', wardMoveInput, 'ward_move');
  eventRoute('ready', 'No longer meets the criteria to reside (ready for discharge), with the pathway and what is awaited', readyInput, 'not_meeting_criteria');
  eventRoute('not-ready', 'Meets the criteria to reside again: the stay reopens and the Discharge Ready Date is cleared', notReadyInput, 'meeting_criteria');
  eventRoute('awaiting', 'Something more is awaited (a DToC reason, its owner and attribution)', awaitingInput, 'awaiting');
  eventRoute('discharge', 'Discharge: destination (NHS code), actual pathway, and for pathway 1 the reablement start', dischargeInput, 'discharge');

  app.post(
    '/api/stays/:id/awaiting/:itemId/resolve',
    {
      schema: {
        tags: ['hospital flow'],
        summary: 'What was awaited has arrived',
        params: z.object({ id: z.uuid('must be a stay id'), itemId: z.uuid('must be an awaited item id') }),
        body: resolveAwaitingInput,
        response: { 200: stayAnswer, ...errorResponses },
      },
    },
    async (req) => answer(await recordStayEvent(ctxOf(req, deps), req.params.id, { ...req.body, kind: 'awaiting_resolved', itemId: req.params.itemId })),
  );

  app.get(
    '/api/stays/:id',
    {
      schema: { tags: ['hospital flow'], summary: 'A stay, through the access policy for its person', params: idParams, response: { 200: stayViewSchema, ...errorResponses } },
    },
    async (req) => getStay(ctxOf(req, deps), req.params.id),
  );

  app.get(
    '/api/people/:id/stays',
    {
      schema: {
        tags: ['hospital flow'],
        summary: 'A person’s hospital stays, newest first (through the access policy)',
        params: personParams,
        response: { 200: staysSchema, ...errorResponses },
      },
    },
    async (req) => ({ stays: await staysOfPerson(ctxOf(req, deps), req.params.id) }),
  );

  app.get(
    '/api/flow/board',
    {
      schema: {
        tags: ['hospital flow'],
        summary: 'The discharge board: people no longer meeting the criteria to reside, most days delayed first',
        description: 'Practitioners only. A row names the person only when the user or their team holds a relationship with them (the hospital discharge team holds one for everyone in hospital).',
        querystring: boardQuery,
        response: { 200: boardSchema, ...errorResponses },
      },
    },
    async (req) => dischargeBoard(ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/flow/measures',
    {
      schema: {
        tags: ['hospital flow'],
        summary: 'Hospital flow measures by month, for the place or a zone',
        description: 'from/to: months YYYY-MM (default the twelve months to last month). Aggregates only: no person is identified.',
        querystring: measuresQuery,
        response: { 200: flowMeasuresSchema, ...errorResponses },
      },
    },
    async (req) => flowMeasures(ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/flow/measures.csv',
    {
      schema: {
        tags: ['hospital flow'],
        summary: 'One measure as CSV (the table beside its chart)',
        querystring: measureCsvQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const csv = await measureCsv(ctxOf(req, deps), req.query);
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csv.filename}"`);
      return csv.text;
    },
  );
}

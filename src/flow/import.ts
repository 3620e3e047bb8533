/**
 * The acute trust's daily feed of stay events as CSV (`caretrust import stays FILE`). Rows go
 * through the same engine as the API, a few thousand per transaction; a row that is malformed or
 * that the rules refuse is reported with its line number and reason, and so are the later rows
 * of the same stay. Sending the same file again changes nothing (events are idempotent).
 */
import fs from 'node:fs';
import { systemActor, type Actor } from '../access/actor.js';
import { runsTransactionsAtOnce, type Db } from '../platform/db.js';
import { isIsoDate } from '../platform/dates.js';
import { admissionMethods, attributions, delayReasons, dischargeDestinations, type Attribution, type DelayReason } from './codes.js';
import type { Incoming } from './engine.js';
import { FeedChunks, turnForIo, type FeedRow, type Rejected } from './feed-chunks.js';

export const feedColumns = [
  'source_system',
  'event_id',
  'stay_id',
  'kind',
  'at',
  'nhs_number',
  'hospital',
  'ward',
  'admission_method',
  'pathway',
  'destination',
  'reason',
  'attribution',
  'owner',
  'reablement_start',
] as const;
type Column = (typeof feedColumns)[number];
const required: Column[] = ['source_system', 'event_id', 'stay_id', 'kind', 'at'];
const kinds = ['admit', 'ward_move', 'ready', 'not_ready', 'awaiting', 'awaiting_resolved', 'discharge'] as const;

export type { Rejected } from './feed-chunks.js';
export type ImportReport = { rows: number; applied: number; replayed: number; rejected: Rejected[]; seconds: number; eventsPerSecond: number };

/**
 * The lines of a text stream (LF or CRLF), a megabyte at a time: readline's promise for every
 * line cost the feed more than splitting the line into its cells.
 */
async function* linesOf(input: AsyncIterable<string>): AsyncGenerator<string[], void> {
  let rest = '';
  for await (const piece of input) {
    const text = rest + piece;
    const lines = text.split('\n');
    rest = lines.pop()!;
    yield lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }
  if (rest) yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

/** Splits one CSV line (RFC 4180 quoting; no line breaks inside fields). */
export function splitCsvLine(line: string): string[] {
  // Most lines quote nothing.
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

class RowProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function pathwayOf(get: (c: Column) => string): number {
  const p = get('pathway');
  if (!/^[0-3]$/.test(p)) throw new RowProblem('pathway', 'must be 0, 1, 2 or 3');
  return Number(p);
}

function awaitingOf(get: (c: Column) => string) {
  const reason = get('reason');
  if (!reason) return null;
  if (!(reason in delayReasons)) throw new RowProblem('reason', `must be a DToC reason code: ${Object.keys(delayReasons).join(', ')}`);
  const attribution = get('attribution');
  if (attribution && !(attributions as readonly string[]).includes(attribution)) throw new RowProblem('attribution', 'must be nhs, social_care or both');
  return { reason: reason as DelayReason, attribution: (attribution || undefined) as Attribution | undefined, ownerName: get('owner') };
}

/** One row as an event for the engine, or the problem with it. */
export function eventOfRow(get: (c: Column) => string): Incoming {
  for (const c of required) if (!get(c)) throw new RowProblem(c, 'is empty');
  const kind = get('kind');
  if (!(kinds as readonly string[]).includes(kind)) throw new RowProblem('kind', `must be one of ${kinds.join(', ')}`);
  const atText = get('at');
  const at = new Date(atText);
  if (!instantPattern.test(atText) || Number.isNaN(at.getTime())) throw new RowProblem('at', 'must be an instant like 2026-11-02T09:30:00Z');
  const sourceSystem = get('source_system');
  const eventId = get('event_id');
  const sourceStayId = get('stay_id');
  // Each kind's object written out in full (no spreads): the engine reads hundreds of thousands of them.
  switch (kind) {
    case 'admit': {
      const given = get('nhs_number');
      const nhs = given.includes(' ') ? given.replace(/\s/g, '') : given;
      if (!/^\d{10}$/.test(nhs)) throw new RowProblem('nhs_number', 'must be 10 digits');
      const hospital = get('hospital');
      if (!hospital) throw new RowProblem('hospital', 'is empty');
      const ward = get('ward');
      if (!ward) throw new RowProblem('ward', 'is empty');
      const admissionMethod = get('admission_method');
      if (!admissionMethods[admissionMethod]) throw new RowProblem('admission_method', 'is not an NHS Data Dictionary admission method');
      return { sourceSystem, eventId, at, kind: 'admit', sourceStayId, person: { nhsNumber: nhs }, hospital, ward, admissionMethod };
    }
    case 'ward_move': {
      const ward = get('ward');
      if (!ward) throw new RowProblem('ward', 'is empty');
      return { sourceSystem, eventId, at, kind: 'ward_move', stay: { sourceSystem, sourceStayId }, ward };
    }
    case 'ready': {
      const item = awaitingOf(get);
      return { sourceSystem, eventId, at, kind: 'not_meeting_criteria', stay: { sourceSystem, sourceStayId }, pathway: pathwayOf(get), awaiting: item ? [item] : [] };
    }
    case 'not_ready':
      return { sourceSystem, eventId, at, kind: 'meeting_criteria', stay: { sourceSystem, sourceStayId } };
    case 'awaiting': {
      const item = awaitingOf(get);
      if (!item) throw new RowProblem('reason', 'is empty');
      return { sourceSystem, eventId, at, kind: 'awaiting', stay: { sourceSystem, sourceStayId }, item };
    }
    case 'awaiting_resolved': {
      const reason = get('reason');
      if (reason && !(reason in delayReasons)) throw new RowProblem('reason', 'must be a DToC reason code');
      return { sourceSystem, eventId, at, kind: 'awaiting_resolved', stay: { sourceSystem, sourceStayId }, reason: (reason || undefined) as DelayReason | undefined };
    }
    default: {
      const destination = get('destination');
      if (!dischargeDestinations[destination]) throw new RowProblem('destination', 'is not an NHS Data Dictionary discharge destination');
      const start = get('reablement_start');
      if (start && !isIsoDate(start)) throw new RowProblem('reablement_start', 'must be a date written YYYY-MM-DD');
      const p = get('pathway');
      return { sourceSystem, eventId, at, kind: 'discharge', stay: { sourceSystem, sourceStayId }, destination, pathway: p ? pathwayOf(get) : undefined, reablementStart: start || undefined };
    }
  }
}

export type ImportOptions = {
  chunkSize?: number;
  progress?: (stage: string, done: number, total: number) => void;
  actor?: Actor;
  now?: () => Date;
  /** Prepare each chunk while the one before is written (default: when the database has a pool of connections). */
  overlap?: boolean;
};

/** Reads the feed and applies it; the report lists every rejected row. */
export async function importStays(db: Db, placeId: string, file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const chunkSize = opts.chunkSize ?? 5000;
  // The feed is a partner system: it sends events and referrals (the integration role), and reads nothing.
  const actor = opts.actor ?? { ...systemActor(placeId), role: 'integration' as const, displayName: 'Daily stays feed' };
  const now = opts.now ?? (() => new Date());
  const total = fs.statSync(file).size;
  const input = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const report: ImportReport = { rows: 0, applied: 0, replayed: 0, rejected: [], seconds: 0, eventsPerSecond: 0 };
  let header: Map<string, number> | null = null;
  /** Where each column is in a line (-1: not sent); read by one `get` for every line. */
  let at: Record<Column, number> | null = null;
  let cells: string[] = [];
  const get = (c: Column) => {
    const i = at![c];
    return i < 0 ? '' : (cells[i] ?? '').trim();
  };
  let lineNo = 0;
  let bytes = 0;
  let batch: FeedRow[] = [];
  const chunks = new FeedChunks(db, actor, now, opts.overlap ?? runsTransactionsAtOnce(db), (tally) => {
    report.applied += tally.applied;
    report.replayed += tally.replayed;
    report.rejected.push(...tally.rejected);
    opts.progress?.('stay events', Math.min(bytes, total), total);
  });
  const flush = async () => {
    const chunk = batch;
    batch = [];
    await chunks.push(chunk);
    // Reading the next chunk is Node's work alone: the database connections get a turn first.
    await turnForIo();
  };

  for await (const piece of linesOf(input)) {
    for (const raw of piece) {
      lineNo++;
      bytes = input.bytesRead;
      const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (!line.trim()) continue;
      cells = splitCsvLine(line);
      if (!header) {
        const h = new Map(cells.map((c, i) => [c.trim().toLowerCase(), i]));
        const missing = required.filter((c) => !h.has(c));
        if (missing.length) throw new Error(`line 1: the header lacks ${missing.join(', ')}; the columns are ${feedColumns.join(', ')}`);
        header = h;
        at = Object.fromEntries(feedColumns.map((c) => [c, h.get(c) ?? -1])) as Record<Column, number>;
        continue;
      }
      report.rows++;
      const stayKey = `${get('source_system')}\u0001${get('stay_id')}`;
      try {
        batch.push({ line: lineNo, stayKey, event: eventOfRow(get) });
      } catch (e) {
        if (!(e instanceof RowProblem)) throw e;
        report.rejected.push({ line: lineNo, field: e.field, problem: e.message });
        chunks.refuse(stayKey, lineNo);
        continue;
      }
      if (batch.length >= chunkSize) await flush();
      // A turn for the database connections now and then: the chunk being written waits for this
      // process to read each answer and send its next statement.
      else if (batch.length % 1000 === 0) await turnForIo();
    }
  }
  await flush();
  await chunks.finish();
  opts.progress?.('stay events', total, total);
  report.rejected.sort((a, b) => a.line - b.line);
  report.seconds = (performance.now() - started) / 1000;
  report.eventsPerSecond = report.rows / Math.max(report.seconds, 1e-6);
  return report;
}

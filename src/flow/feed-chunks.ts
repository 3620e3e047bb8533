/**
 * Applying the daily feed chunk by chunk, each chunk in a transaction of its own, in the order
 * of the file. On PostgreSQL (a pool of connections) the chunks overlap: while one chunk is being
 * written, the next is looked up and applied in memory on a second connection, starting from the
 * stays and events the first left (its "carry", which the database does not have yet), and it
 * writes once the first has committed. Before it writes it locks the stays it carried on with and
 * checks that nobody changed them in between; if anybody did, or a chunk fails on a unique index
 * (another writer got there first), the chunks not yet committed are applied again one at a time
 * from what is stored, exactly as without the overlap. With one connection (PGlite) the chunks
 * simply take turns.
 *
 * The report counts a chunk's rows when the chunk commits. Rows that follow a rejected row of the
 * same stay are rejected naming that row's line, whichever chunk it was in.
 */
import type { Actor } from '../access/actor.js';
import { isUniqueViolation, type Db } from '../platform/db.js';
import { applyBatch, auditBatch, CarriedStayChanged, prepareBatch, processEvents, writeBatch, writeStatementsOf, type Carry, type Incoming, type Outcome } from './engine.js';

export type FeedRow = { line: number; stayKey: string; event: Incoming };
export type Rejected = { line: number; field: string; problem: string };
export type Tally = { applied: number; replayed: number; rejected: Rejected[] };

type Settled = 'committed' | 'again';

type Stage = {
  rows: FeedRow[];
  /** What the chunk leaves for the next once applied in memory; null when it has none to give (taking turns, or it failed first). */
  applied: Promise<Carry | null>;
  settled: Promise<Settled>;
  /** Rejections of this chunk, before it commits (the next chunk filters by them). */
  refused: Map<string, number>;
  tally: Tally;
};

class BeforeFailed extends Error {}

/** The engine's field names as the feed's columns. */
export function fieldName(field: string): string {
  const map: Record<string, string> = {
    'person.nhsNumber': 'nhs_number',
    'person.id': 'nhs_number',
    admissionMethod: 'admission_method',
    sourceStayId: 'stay_id',
    stay: 'stay_id',
    eventId: 'event_id',
    reablementStart: 'reablement_start',
    'awaiting.0.attribution': 'attribution',
    'item.attribution': 'attribution',
    itemId: 'reason',
  };
  return map[field] ?? field;
}

export class FeedChunks {
  /** Rejections of committed chunks and of rows that did not parse: the line each stay's later rows follow. */
  private readonly refused = new Map<string, number>();
  /** At most two chunks in flight: one writing, the next prepared. */
  private stages: Stage[] = [];

  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
    private readonly now: () => Date,
    private readonly overlap: boolean,
    private readonly committed: (tally: Tally) => void,
  ) {}

  /** A row that did not parse: its stay's later rows follow it. */
  refuse(stayKey: string, line: number): void {
    earliest(this.refused, stayKey, line);
  }

  /** Applies a chunk (in the background: reading the file goes on meanwhile). */
  async push(rows: FeedRow[]): Promise<void> {
    if (rows.length === 0) return;
    // The chunk before the last must have committed: the next one reads everything older from the database.
    while (this.stages.length >= (this.overlap ? 2 : 1)) await this.settleFirst();
    const before = this.stages[this.stages.length - 1] ?? null;
    if (before) await before.applied;
    this.stages.push(this.overlap ? this.overlapping(rows, before) : this.inTurn(rows));
  }

  /** Waits for every chunk to commit. */
  async finish(): Promise<void> {
    while (this.stages.length) await this.settleFirst();
  }

  private async settleFirst(): Promise<void> {
    const first = this.stages[0]!;
    let verdict: Settled;
    try {
      verdict = await first.settled;
    } catch (err) {
      await Promise.allSettled(this.stages.map((s) => s.settled));
      this.stages = [];
      throw err;
    }
    if (verdict === 'committed') {
      this.stages.shift();
      return;
    }
    // Something changed under the overlap: the chunks not committed are applied again, in turn, from what is stored.
    const redo = this.stages;
    this.stages = [];
    await Promise.allSettled(redo.map((s) => s.settled));
    for (const s of redo) {
      const again = this.inTurn(s.rows);
      this.stages.push(again);
      await this.settleFirst();
    }
  }

  /** The rows to apply: those not following a rejected row of their stay (in a committed chunk, or in the chunk before). */
  private filter(rows: FeedRow[], before: Stage | null, tally: Tally): FeedRow[] {
    return rows.filter((r) => {
      const a = this.refused.get(r.stayKey);
      const b = before?.refused.get(r.stayKey);
      const at = a === undefined ? b : b === undefined ? a : Math.min(a, b);
      if (at === undefined || r.line < at) return true;
      tally.rejected.push({ line: r.line, field: 'stay_id', problem: `follows line ${at}, which was rejected for the same stay` });
      return false;
    });
  }

  private count(stage: Stage, rows: FeedRow[], outcomes: Outcome[]): void {
    outcomes.forEach((o, i) => {
      const r = rows[i]!;
      if (o.status === 'applied') stage.tally.applied++;
      else if (o.status === 'replayed') stage.tally.replayed++;
      else {
        stage.tally.rejected.push({ line: r.line, field: fieldName(o.problem!.field), problem: o.problem!.message });
        earliest(stage.refused, r.stayKey, r.line);
      }
    });
  }

  private commit(stage: Stage): Settled {
    for (const [k, line] of stage.refused) earliest(this.refused, k, line);
    this.committed(stage.tally);
    return 'committed';
  }

  /** One chunk after another: a transaction each, applied again once if another writer got in first. */
  private inTurn(rows: FeedRow[]): Stage {
    const stage: Stage = { rows, applied: Promise.resolve(null), settled: Promise.resolve('committed'), refused: new Map(), tally: { applied: 0, replayed: 0, rejected: [] } };
    stage.settled = (async () => {
      const current = this.filter(rows, null, stage.tally);
      const run = (everyEvent: boolean) => this.db.transaction((tx) => processEvents(tx, this.actor, this.now(), current.map((r) => r.event), 'stay.import', { everyEvent }));
      let outcomes: Outcome[];
      try {
        ({ outcomes } = await run(false));
      } catch (err) {
        // Another writer admitted one of these people (or sent the same referral) at the same moment,
        // or the sender used one event id for two stays: nothing of the chunk was kept, and applying
        // it again, looking up every event, sees what is stored and answers by the rules.
        if (!isUniqueViolation(err)) throw err;
        ({ outcomes } = await run(true));
      }
      this.count(stage, current, outcomes);
      return this.commit(stage);
    })();
    stage.settled.catch(() => undefined);
    return stage;
  }

  /** A chunk prepared and applied while the one before is written; it writes once that one has committed. */
  private overlapping(rows: FeedRow[], chunkBefore: Stage | null): Stage {
    let before = chunkBefore;
    let give!: (carry: Carry | null) => void;
    const stage: Stage = {
      rows,
      applied: new Promise<Carry | null>((resolve) => (give = resolve)),
      settled: Promise.resolve('committed'),
      refused: new Map(),
      tally: { applied: 0, replayed: 0, rejected: [] },
    };
    stage.settled = (async (): Promise<Settled> => {
      let carry = before ? await before.applied : null;
      if (before && !carry) {
        // The chunk before has nothing to carry on from (it took its turn alone, after a redo):
        // once it has committed, this one starts from what is stored, and gives the next its carry,
        // so the overlap resumes.
        if ((await before.settled.catch(() => 'again' as const)) !== 'committed') {
          give(null);
          return 'again';
        }
        before = null;
        carry = null;
      }
      const current = this.filter(rows, before, stage.tally);
      const events = current.map((r) => r.event);
      const at = this.now();
      try {
        await this.db.transaction(async (tx) => {
          const prepared = await prepareBatch(tx, this.actor.placeId, events, carry ?? undefined, { everyEvent: false });
          // Each phase in Node, then a turn for the driver: the chunk before is writing meanwhile,
          // and each of its statements waits for this process to read the answer and send the next.
          await turnForIo();
          const applied = applyBatch(prepared, this.actor, at, events);
          this.count(stage, current, applied.outcomes);
          give(applied.carry);
          await turnForIo();
          // Built while the chunk before is still writing, so this one's turn is the database's work alone.
          const statements = writeStatementsOf(applied, this.actor);
          // The audit entry too: once the chunk before has committed, only its writes and the commit remain.
          await auditBatch(tx, this.actor, at, applied, 'stay.import');
          if (before && (await before.settled.catch(() => 'again' as const)) !== 'committed') throw new BeforeFailed();
          await writeBatch(tx, this.actor, at, applied, 'stay.import', statements, { audited: true });
        });
      } catch (err) {
        give(null);
        if (err instanceof BeforeFailed || err instanceof CarriedStayChanged || isUniqueViolation(err)) return 'again';
        throw err;
      }
      // The chunk before committed first (this one waited for it), so the report keeps the file's order.
      return this.commit(stage);
    })();
    stage.settled.catch(() => undefined);
    return stage;
  }
}

/** Lets the event loop read and answer the database connections (a macrotask: awaiting a settled promise does not). */
export function turnForIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function earliest(map: Map<string, number>, key: string, line: number): void {
  const was = map.get(key);
  if (was === undefined || line < was) map.set(key, line);
}

import type { ActivityPlace, Member } from './pathway-activity-context.js';
import { Random } from './random.js';

/**
 * Open caseloads: each practitioner has a caseload they can hold (15 to 30 cases); a case still
 * open at the as-of day takes a place in it, and when it is full the case closes instead.
 */
export class Caseloads {
  private readonly open = new Map<string, number>();
  private readonly target = new Map<string, number>();

  constructor(place: ActivityPlace) {
    const rng = new Random(place.seed, `activity:caseloads:${place.preset}`);
    for (const t of place.teams) for (const m of t.caseHolders) if (!this.target.has(m.staffId)) this.target.set(m.staffId, rng.int(15, 30));
  }

  hasRoom(m: Member): boolean {
    return (this.open.get(m.staffId) ?? 0) < (this.target.get(m.staffId) ?? 0);
  }

  take(m: Member): void {
    this.open.set(m.staffId, (this.open.get(m.staffId) ?? 0) + 1);
  }

  /** The practitioner with the most room, among those given; null when all are full. */
  leastLoaded(candidates: readonly Member[]): Member | null {
    let best: Member | null = null;
    let bestShare = 1;
    for (const m of candidates) {
      const share = (this.open.get(m.staffId) ?? 0) / (this.target.get(m.staffId) ?? 1);
      if (share < bestShare) {
        best = m;
        bestShare = share;
      }
    }
    return best;
  }

  /** Open cases per practitioner (for the report). */
  sizes(): number[] {
    return [...this.target.keys()].map((k) => this.open.get(k) ?? 0);
  }
}

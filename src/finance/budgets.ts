/** The pool's budgets by line for a financial year, from the year's current schedule version. */
import type { Executor } from '../platform/db.js';
import { zonesOfPlace } from '../partnership/service.js';
import * as q from './agreement-queries.js';
import { budgetLineName, type BudgetView } from './agreement-views.js';

/** Each budget line's budget in the current schedule version of `fy` (empty when the year has none). */
export async function budgetsOf(db: Executor, placeId: string, fy: string): Promise<BudgetView[]> {
  const s = await q.selectCurrentSchedule(db, placeId, fy);
  if (!s) return [];
  const [rows, zones] = await Promise.all([q.selectBudgets(db, placeId, s.id), zonesOfPlace(db, placeId)]);
  const zoneNames = new Map(zones.map((z) => [z.code, z.name]));
  return rows.map((r) => ({ code: r.code, name: budgetLineName(r.code, zoneNames), budgetPence: r.budgetPence }));
}

import { describe, expect, it } from 'vitest';
import { agreementOf } from '../finance/agreement.js';
import { budgetsOf } from '../finance/budgets.js';
import { contributionsOf } from '../finance/contributions.js';
import { trialBalance } from '../finance/trial-balance.js';
import { migrateDatabase, openPglite, rowsOf, sql } from '../platform/db.js';
import { loadPreset, presetNames } from './preset.js';
import { seedPlace } from './seed.js';

/**
 * Every preset loads with its pooled fund (issue #14): an agreement, a schedule for each year of
 * its history in the pool, budgets that add up to the contributions, and a ledger that balances.
 * A small population on the embedded database: the pools' figures do not depend on its size.
 */
describe('every preset’s pool', () => {
  it.each(presetNames().filter((n) => loadPreset(n).pool))('%s loads its agreement, schedules and a balanced ledger', async (name) => {
    const database = await openPglite();
    try {
      await migrateDatabase(database);
      await seedPlace(database.db, { preset: name, population: 300, seed: 11, pool: true });
      const [place] = await rowsOf<{ place_id: string }>(database.db, sql`select place_id from place where preset = ${name}`);
      const placeId = place!.place_id;
      const preset = loadPreset(name);
      const agreement = await agreementOf(database.db, placeId);
      expect(agreement).toMatchObject({ reference: preset.pool!.reference });
      expect(agreement!.financialYears.length).toBeGreaterThan(0);
      // The first year the pool's first schedule covers, and its last year in the history.
      for (const fy of [agreement!.financialYears[0]!, agreement!.financialYears.at(-1)!]) {
        const planned = (await contributionsOf(database.db, placeId, fy)).reduce((s, c) => s + c.plannedPence, 0);
        const budgets = (await budgetsOf(database.db, placeId, fy)).reduce((s, b) => s + b.budgetPence, 0);
        expect(planned).toBeGreaterThan(0);
        expect(budgets).toBe(planned);
      }
      const tb = await trialBalance(database.db, placeId, {});
      expect(tb.totals.balancePence).toBe(0);
      expect(tb.totals.debitPence).toBeGreaterThan(0);
      expect(tb.accounts.some((a) => a.kind === 'budget_line' && a.debitPence > 0)).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('covers every preset', () => {
    expect(presetNames().filter((n) => !loadPreset(n).pool)).toEqual([]);
  });
});

/** The small synthetic place every integration test starts from (cloned per test file). */
export const FIXTURE = {
  preset: 'torbay',
  population: 1000,
  seed: 2005,
  /** Synthetic data is generated as of this day; the tests' clock starts the next morning. */
  asOf: '2026-11-01',
  /**
   * The fixture's activity starts with the recent two years (no longer history), so it stays
   * small and fast; the seed's own tests cover a preset's whole history.
   */
  historyFrom: '2024-11-01',
  now: '2026-11-02T09:30:00Z',
  password: 'caretrust-demo',
} as const;

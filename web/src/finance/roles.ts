import type { Role } from '../api';

/** Who may do what with the pooled budget: the same lists as the server's src/finance/roles.ts. */
const readers: readonly string[] = ['finance_officer', 'pooled_fund_manager', 'commissioner', 'board_member', 'auditor'];
const posters: readonly string[] = ['finance_officer', 'pooled_fund_manager'];
const managers: readonly string[] = ['pooled_fund_manager'];

/** Reads the open book: contributions, budgets, actuals, commitments, forecasts, statements. */
export const readsPool = (role: Role | string) => readers.includes(role);
/** Posts journals, imports GL files, records receipts and commentary. */
export const postsToPool = (role: Role | string) => posters.includes(role);
/** Closes months, changes the agreement and its schedules. */
export const managesPool = (role: Role | string) => managers.includes(role);

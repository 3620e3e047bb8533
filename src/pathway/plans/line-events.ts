/**
 * A service line's steps as they happen, for other modules to act on in the same transaction:
 * hospital flow links a stay's awaited package to the line approved for it and marks it met when
 * the line starts (src/flow/package-link.ts). The pathway does not know who listens, so it never
 * imports them; a listener registers itself by name (again under the same name replaces it, so
 * building the app twice in one process does not run it twice). A listener that throws undoes the
 * step: it writes in the step's transaction, as the step's actor, after the access policy let
 * the step through.
 */
import type { Actor } from '../../access/actor.js';
import type { Executor } from '../../platform/db.js';

export type ServiceLineChange = {
  /** provider_changed: a declined line offered to another provider (plans/provider-steps.ts). */
  step: 'approved' | 'in_place' | 'ended' | 'cancelled' | 'varied' | 'provider_changed';
  personId: string;
  planId: string;
  lineId: string;
  serviceType: string;
  /** CLD Service_Component: what kind of service the line is (home support, residential care …). */
  component: string;
  provider: { id: string; name: string };
  plannedStart: string;
  /** The day the service started, for in_place. */
  startedOn: string | null;
  /** Why it was cancelled, ended or varied. */
  reason: string | null;
  /** For varied: the day the new price or quantity applies from, and the weekly cost from then. */
  varied?: { from: string; weeklyPence: number; previousWeeklyPence: number };
};

export type ServiceLineListener = (tx: Executor, actor: Actor, at: Date, change: ServiceLineChange) => Promise<void>;

const listeners = new Map<string, ServiceLineListener>();

export function onServiceLineChange(name: string, listener: ServiceLineListener): void {
  listeners.set(name, listener);
}

/** Tells every listener of a line's step, in the step's transaction. */
export async function serviceLineChanged(tx: Executor, actor: Actor, at: Date, change: ServiceLineChange): Promise<void> {
  for (const listener of listeners.values()) await listener(tx, actor, at, change);
}

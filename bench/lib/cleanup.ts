/**
 * Things a benchmark must undo (servers, connections, databases it created), run last-in
 * first-out when the run ends, fails or is interrupted: benchmarks clean up after themselves.
 */
type Step = { label: string; fn: () => Promise<void> };
const steps: Step[] = [];

/** Registers a clean-up step; the returned function runs it now (once) instead of at the end. */
export function onCleanup(label: string, fn: () => Promise<void>): () => Promise<void> {
  const step = { label, fn };
  steps.push(step);
  return async () => {
    const i = steps.indexOf(step);
    if (i < 0) return;
    steps.splice(i, 1);
    await fn();
  };
}

export async function runCleanups(): Promise<void> {
  while (steps.length > 0) {
    const step = steps.pop()!;
    try {
      await step.fn();
    } catch (err) {
      console.error(`  clean-up "${step.label}" failed: ${(err as Error).message}`);
    }
  }
}

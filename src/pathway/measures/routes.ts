import type { AppInstance } from '../../app.js';
import type { AppDeps } from '../../platform/request-context.js';

// Filled in by the measures capability.
export async function measuresRoutes(_app: AppInstance, _deps: AppDeps): Promise<void> {}

import type { AppInstance } from '../../app.js';
import type { AppDeps } from '../../platform/request-context.js';

// Filled in by the plans capability.
export async function plansRoutes(_app: AppInstance, _deps: AppDeps): Promise<void> {}

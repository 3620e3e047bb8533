import type { AppInstance } from '../../app.js';
import type { AppDeps } from '../../platform/request-context.js';

// Filled in by the reviews capability.
export async function reviewsRoutes(_app: AppInstance, _deps: AppDeps): Promise<void> {}

import type { AppInstance } from '../../app.js';
import type { AppDeps } from '../../platform/request-context.js';

// Filled in by the assessments capability.
export async function assessmentsRoutes(_app: AppInstance, _deps: AppDeps): Promise<void> {}

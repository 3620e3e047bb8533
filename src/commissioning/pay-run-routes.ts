import type { AppInstance } from '../platform/app-instance.js';
import type { AppDeps } from '../platform/request-context.js';

// Filled in by the pay-run work of issue #15.
export async function payRunRoutes(_app: AppInstance, _deps: AppDeps): Promise<void> {}

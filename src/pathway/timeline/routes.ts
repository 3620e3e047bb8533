import type { AppInstance } from '../../app.js';
import type { AppDeps } from '../../platform/request-context.js';

export async function timelineRoutes(_app: AppInstance, _deps: AppDeps): Promise<void> {}

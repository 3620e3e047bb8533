import type { AppInstance } from '../../app.js';
import type { AppDeps } from '../../platform/request-context.js';

export async function mdtRoutes(_app: AppInstance, _deps: AppDeps): Promise<void> {}

import type { AppInstance } from '../platform/app-instance.js';
import type { AppDeps } from '../platform/request-context.js';
import { assessmentsRoutes } from './assessments/routes.js';
import { frontDoorRoutes } from './front-door/routes.js';
import { mdtRoutes } from './mdt/routes.js';
import { measuresRoutes } from './measures/routes.js';
import { plansRoutes } from './plans/routes.js';
import { referenceRoutes } from './reference/routes.js';
import { reviewsRoutes } from './reviews/routes.js';
import { timelineRoutes } from './timeline/routes.js';

/** The care pathway, from the front door to package in place, review and MDT. */
export async function pathwayRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  await referenceRoutes(app, deps);
  await frontDoorRoutes(app, deps);
  await assessmentsRoutes(app, deps);
  await plansRoutes(app, deps);
  await reviewsRoutes(app, deps);
  await measuresRoutes(app, deps);
  await mdtRoutes(app, deps);
  await timelineRoutes(app, deps);
}

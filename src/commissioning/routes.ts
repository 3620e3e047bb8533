/** Joint commissioning and paying providers (issue #15): one entry point for app.ts. */
import type { AppInstance } from '../platform/app-instance.js';
import type { AppDeps } from '../platform/request-context.js';
import { directoryRoutes } from './directory-routes.js';
import { groupRoutes } from './group-routes.js';
import { invoiceRoutes } from './invoice-routes.js';
import { marketRoutes } from './market-routes.js';
import { payRunRoutes } from './pay-run-routes.js';
import { portalRoutes } from './portal-routes.js';
import { providerRoutes } from './provider-routes.js';

export async function commissioningRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  await providerRoutes(app, deps);
  await directoryRoutes(app, deps);
  await groupRoutes(app, deps);
  await portalRoutes(app, deps);
  await invoiceRoutes(app, deps);
  await payRunRoutes(app, deps);
  await marketRoutes(app, deps);
}

import type { ApiDeps, App, RouteModule } from '../route-context.ts';
import { apiKeysCreateRoute } from './api-keys-create.ts';
import { apiKeysListRoute } from './api-keys-list.ts';
import { apiKeysRevokeRoute } from './api-keys-revoke.ts';
import { errorCodesPageRoute } from './error-codes-page.ts';
import { healthzRoute } from './healthz.ts';
import { meGetRoute } from './me-get.ts';
import { openapiDocumentRoute } from './openapi-document.ts';
import { readyzRoute } from './readyz.ts';
import { sessionCreateRoute } from './session-create.ts';
import { sessionDeleteRoute } from './session-delete.ts';
import { storesCreateRoute } from './stores-create.ts';
import { storesGetRoute } from './stores-get.ts';
import { storesListRoute } from './stores-list.ts';
import { usersCreateRoute } from './users-create.ts';
import { usersListRoute } from './users-list.ts';
import { webAppRoute } from './web-app.ts';

const routes: RouteModule[] = [
  healthzRoute,
  readyzRoute,
  openapiDocumentRoute,
  errorCodesPageRoute,
  sessionCreateRoute,
  sessionDeleteRoute,
  meGetRoute,
  usersListRoute,
  usersCreateRoute,
  apiKeysListRoute,
  apiKeysCreateRoute,
  apiKeysRevokeRoute,
  storesListRoute,
  storesGetRoute,
  storesCreateRoute,
  webAppRoute,
];

export function registerRoutes(app: App, deps: ApiDeps): void {
  for (const route of routes) route(app, deps);
}

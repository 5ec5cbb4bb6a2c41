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
import { receiptsCalculateRoute } from './receipts-calculate.ts';
import { receiptsConfirmRoute } from './receipts-confirm.ts';
import { receiptsGetRoute } from './receipts-get.ts';
import { receiptsReturnRoute } from './receipts-return.ts';
import { receiptsCancelRoute } from './receipts-cancel.ts';
import { holdsCreateRoute } from './holds-create.ts';
import { holdsCaptureRoute } from './holds-capture.ts';
import { holdsVoidRoute } from './holds-void.ts';
import { customersCreateRoute } from './customers-create.ts';
import { customersGetRoute } from './customers-get.ts';
import { customersBalanceRoute } from './customers-balance.ts';
import { customersHistoryRoute } from './customers-history.ts';
import { customersMergeRoute } from './customers-merge.ts';
import { customersAdjustRoute } from './customers-adjust.ts';
import { customersAddCardRoute } from './customers-add-card.ts';
import { cardsBlockRoute } from './cards-block.ts';
import { cardsReplaceRoute } from './cards-replace.ts';
import { programSettingsGetRoute } from './program-settings-get.ts';
import { programSettingsPutRoute } from './program-settings-put.ts';
import { catalogCategoriesPutRoute } from './catalog-categories-put.ts';
import { catalogProductsPutRoute } from './catalog-products-put.ts';
import { cubeRunRoute } from './cube-run.ts';
import { analyticsExportRoute } from './analytics-export.ts';
import { importsRoute } from './imports.ts';
import { importSourcesDeleteRoute } from './import-sources-delete.ts';
import { importSourcesListRoute } from './import-sources-list.ts';
import { customersPredictionsRoute } from './customers-predictions.ts';
import { modelsEvaluateRoute } from './models-evaluate.ts';
import { modelsFitRoute } from './models-fit.ts';
import { modelsScoreRoute } from './models-score.ts';
import { reportsListRoute } from './reports-list.ts';
import { reportsRunRoute } from './reports-run.ts';
import { measurementRunRoute } from './measurement-run.ts';
import { cubeSchemaRoute } from './cube-schema.ts';
import { customersSearchRoute } from './customers-search.ts';
import { catalogProductsListRoute } from './catalog-products-list.ts';
import { programSettingsPreviewRoute } from './program-settings-preview.ts';
import { customersReceiptsRoute } from './customers-receipts.ts';


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
  receiptsCalculateRoute,
  receiptsConfirmRoute,
  receiptsGetRoute,
  receiptsReturnRoute,
  receiptsCancelRoute,
  holdsCreateRoute,
  holdsCaptureRoute,
  holdsVoidRoute,
  customersCreateRoute,
  customersGetRoute,
  customersBalanceRoute,
  customersHistoryRoute,
  customersMergeRoute,
  customersAdjustRoute,
  customersAddCardRoute,
  cardsBlockRoute,
  cardsReplaceRoute,
  programSettingsGetRoute,
  programSettingsPutRoute,
  catalogCategoriesPutRoute,
  catalogProductsPutRoute,
  reportsListRoute,
  reportsRunRoute,
  measurementRunRoute,
  cubeSchemaRoute,
  customersSearchRoute,
  catalogProductsListRoute,
  programSettingsPreviewRoute,
  customersReceiptsRoute,
  cubeRunRoute,
  analyticsExportRoute,
  importsRoute,
  importSourcesListRoute,
  importSourcesDeleteRoute,
  modelsFitRoute,
  modelsScoreRoute,
  modelsEvaluateRoute,
  customersPredictionsRoute,
  webAppRoute,
];

export function registerRoutes(app: App, deps: ApiDeps): void {
  for (const route of routes) route(app, deps);
}

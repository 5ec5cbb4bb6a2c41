import type { RouteModule } from '../route-context.ts';

export const openapiDocumentRoute: RouteModule = (app) => {
  app.get('/openapi.json', {
    config: { access: { public: true } },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });
};

import { withTransaction } from '../../db/index.ts';
import { programSettingsSchema, saveSettings } from '../../processing/index.ts';
import { actorOf } from '../processing-context.ts';
import type { RouteModule } from '../route-context.ts';
import { settingsResponseSchema } from './program-settings-get.ts';

export const programSettingsPutRoute: RouteModule = (app, deps) => {
  app.put('/v1/program/settings', {
    config: { access: { users: ['admin'] } },
    schema: {
      tags: ['program'],
      summary: 'Change the program settings (creates a new version)',
      description: 'Receipts confirmed from now on use the new version; earlier receipts keep the version they were computed with.',
      body: programSettingsSchema,
      response: { 200: settingsResponseSchema },
    },
    handler: async (request) => withTransaction(deps.pool, (client) => saveSettings(client, request.body, actorOf(request))),
  });
};

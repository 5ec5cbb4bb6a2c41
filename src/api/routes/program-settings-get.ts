import { z } from 'zod';
import { withTransaction } from '../../db/index.ts';
import { currentSettings, programSettingsSchema } from '../../processing/index.ts';
import { allRoles } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';

export const settingsResponseSchema = z.object({ version: z.number(), created_at: z.string(), settings: programSettingsSchema });

export const programSettingsGetRoute: RouteModule = (app, deps) => {
  app.get('/v1/program/settings', {
    config: { access: { users: allRoles, apiKeys: true } },
    schema: { tags: ['program'], summary: 'The current program settings and their version', response: { 200: settingsResponseSchema } },
    handler: async () => withTransaction(deps.pool, (client) => currentSettings(client)),
  });
};

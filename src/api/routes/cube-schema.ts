import { z } from 'zod';
import { cubeDimensions, cubeMeasures } from '../../analytics/index.ts';
import type { RouteModule } from '../route-context.ts';

/** What a pivot can ask for: the cube's measures and dimensions by name. */
export const cubeSchemaRoute: RouteModule = (app) => {
  app.get('/v1/cube/schema', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['analytics'],
      summary: 'The cube’s measures and dimensions, for building a pivot',
      response: { 200: z.object({ measures: z.array(z.string()), dimensions: z.array(z.string()) }) },
    },
    handler: async () => ({ measures: Object.keys(cubeMeasures), dimensions: Object.keys(cubeDimensions) }),
  });
};

import { z } from 'zod';
import { isTimeZone } from '../../core/index.ts';
import { createStore } from '../../catalog/index.ts';
import type { RouteModule } from '../route-context.ts';
import { storeSchema } from '../schemas.ts';


export const storesCreateRoute: RouteModule = (app, deps) => {
  app.post('/v1/stores', {
    config: { access: { users: ['admin'] } },
    schema: {
      tags: ['catalog'],
      summary: 'Add a store',
      body: z.object({
        code: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).meta({ example: 'MSK-001' }),
        name: z.string().trim().min(1).max(200),
        city: z.string().trim().max(200).nullable().optional(),
        format: z.string().trim().max(100).nullable().optional(),
        time_zone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow').default('Europe/Moscow'),
      }),
      response: { 201: z.object({ store: storeSchema }) },
    },
    handler: async (request, reply) => reply.code(201).send({ store: await createStore(deps.pool, request.body) }),
  });
};

import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorCodes } from '../core/index.ts';
import { problemSchema } from './problem.ts';

const problemJsonSchema = z.toJSONSchema(problemSchema, { target: 'openapi-3.0' });

function errorTable(): string {
  const rows = Object.entries(errorCodes).map(([code, spec]) => `| \`${code}\` | ${spec.status} | ${spec.en} |`);
  return ['| code | HTTP | meaning |', '|---|---|---|', ...rows].join('\n');
}

/**
 * The OpenAPI document is generated from the same zod schemas that validate requests, so it
 * cannot drift from what the server accepts. Every operation also documents the problem+json
 * error body.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Patron API',
        version,
        description:
          'Loyalty processing, customers and analytics for retail chains.\n\n' +
          'Authentication: POS and e-shop systems send `Authorization: Bearer <API key>`; the web app uses a session cookie ' +
          'set by `POST /v1/session`. Money is integer kopecks; points are integers.\n\n' +
          'Errors are `application/problem+json` (RFC 9457) with a stable `code` ([all codes](/docs/errors)):\n\n' +
          errorTable(),
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key created with `patron keys create`' },
          session: { type: 'apiKey', in: 'cookie', name: 'patron_session' },
        },
      },
      tags: [
        { name: 'operations', description: 'Health and documentation' },
        { name: 'access', description: 'Users, sessions and API keys' },
        { name: 'processing', description: 'The POS / e-shop protocol: calculate, confirm, return, cancel, holds' },
        { name: 'customers', description: 'Members, cards, balances and points history' },
        { name: 'program', description: 'Program settings (versioned)' },
        { name: 'catalog', description: 'Stores, categories and products' },
        { name: 'analytics', description: 'Reports and the pivot cube over the read side' },
        { name: 'models', description: 'Customer models: BTYD fits, scores, churn, recommendations' },
      ],
    },
    transform: (input) => {
      const output = jsonSchemaTransform(input);
      const access = input.route.config?.access;
      const schema = output.schema as Record<string, unknown>;
      if (access && !access.public) {
        const security = [...(access.users ? [{ session: [] }] : []), ...(access.apiKeys ? [{ apiKey: [] }] : [])];
        schema.security = security;
      }
      const response = (schema.response ?? {}) as Record<string, unknown>;
      response.default = {
        description: 'Error (problem+json with a stable `code`)',
        content: { 'application/problem+json': { schema: problemJsonSchema } },
      };
      schema.response = response;
      return output;
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
}

import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importFields, importJobsFor, importPresets, type FieldMap, type ImportJob } from '../../analytics/index.ts';
import { PatronError } from '../../core/index.ts';
import { assertChainWide } from '../auth/access.ts';
import type { RouteModule } from '../route-context.ts';
import { requireAnalytics } from '../require-analytics.ts';

const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

const jobSchema = z.object({
  id: z.string(), file: z.string(), preset: z.string(), status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({ done: z.number(), total: z.number(), step: z.string().nullable() }), created_at: z.string(), finished_at: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(), error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

const asJson = (job: ImportJob) => ({ ...job, summary: job.summary ? { ...job.summary } : null });

/**
 * Uploads as import jobs: the file is the request body (application/octet-stream), streamed to
 * the data folder; the job imports it into the read side and is watched by its id.
 */
export const importsRoute: RouteModule = (app, deps) => {
  const jobsOfThisProcess = () => importJobsFor(requireAnalytics(deps.analytics), join(deps.config.home, 'imports'));
  const access = { users: ['admin', 'marketer', 'analyst'] as const, apiKeys: true };
  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    scope.post('/v1/imports', {
      bodyLimit: MAX_UPLOAD_BYTES,
      config: { access: { users: [...access.users], apiKeys: true } },
      schema: {
        tags: ['analytics'],
        summary: 'Upload a file (CSV, Parquet, .xlsx; the body as application/octet-stream) and import it as a job',
        querystring: z.object({
          preset: z.enum(importPresets),
          filename: z.string().min(1).max(200).regex(/^[^/\\\u0000]+$/),
          map: z.string().max(2000).optional().describe('column=field pairs, comma-separated'),
          control_arm: z.string().min(1).max(200).optional().describe('experiment files: the arm that received nothing'),
        }),
        response: { 202: jobSchema },
      },
      handler: async (request, reply) => {
        assertChainWide(request.principal);
        const map: FieldMap = {};
        for (const pair of (request.query.map ?? '').split(',').filter(Boolean)) {
          const [column, field] = pair.split('=');
          if (!column || !field || !(importFields as readonly string[]).includes(field)) {
            throw new PatronError('validation_failed', `map: ${pair} is not column=field with a field of ${importFields.join(', ')}`, { issues: [{ path: 'querystring/map', message: 'bad pair' }] });
          }
          map[field as keyof FieldMap] = column;
        }
        const folder = join(deps.config.home, 'imports', 'uploads');
        mkdirSync(folder, { recursive: true });
        const jobs = jobsOfThisProcess();
        const path = join(folder, `${Date.now()}-${request.query.filename}`);
        await pipeline(request.body as Readable, createWriteStream(path));
        const job = jobs.start(path, request.query.preset, map, request.query.control_arm, { fileName: request.query.filename, onSettled: () => rmSync(path, { force: true }) });
        return reply.code(202).send(asJson(job));
      },
    });
  });

  app.get('/v1/imports/:id', {
    config: { access: { users: [...access.users], apiKeys: true } },
    schema: { tags: ['analytics'], summary: 'An import job: status, progress, and its summary or error', params: z.object({ id: z.string().max(40) }), response: { 200: jobSchema } },
    handler: async (request) => {
      assertChainWide(request.principal);
      return asJson(jobsOfThisProcess().get(request.params.id));
    },
  });

  app.get('/v1/imports', {
    config: { access: { users: [...access.users], apiKeys: true } },
    schema: { tags: ['analytics'], summary: 'Import jobs of this process, newest first', response: { 200: z.object({ jobs: z.array(jobSchema) }) } },
    handler: async (request) => {
      assertChainWide(request.principal);
      return { jobs: jobsOfThisProcess().list().map(asJson) };
    },
  });
};

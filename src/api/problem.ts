import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PatronError, errorCodes, type ErrorCode, type FieldIssue } from '../core/index.ts';
import { translateDatabaseError } from '../db/index.ts';

/**
 * Every error leaves Patron as RFC 9457 problem+json with a stable `code` from the code table
 * and the `request_id` under which it was logged.
 */
export const problemSchema = z
  .object({
    type: z.string().describe('Link to the documentation of this error code'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable machine-readable error code; see /docs/errors'),
    request_id: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .catchall(z.unknown());

export type Problem = z.infer<typeof problemSchema>;

export function problemTypeUri(code: ErrorCode): string {
  return `/docs/errors#${code}`;
}

const fastifyCodeMap: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_json',
};

function toPatronError(error: FastifyError | Error): PatronError {
  const translated = translateDatabaseError(error);
  if (translated instanceof PatronError) return translated;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext ?? 'body';
    const issues: FieldIssue[] = error.validation.map((v) => ({
      path: [context, ...v.instancePath.split('/').filter(Boolean)].join('/'),
      message: v.message ?? 'invalid',
    }));
    return new PatronError('validation_failed', `The request ${context} does not match the schema`, { issues });
  }
  const fastifyError = error as FastifyError;
  const mapped = fastifyError.code ? fastifyCodeMap[fastifyError.code] : undefined;
  if (mapped) return new PatronError(mapped, fastifyError.message);
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) return new PatronError('malformed_json', error.message);
  if (fastifyError.statusCode === 404) return new PatronError('not_found', fastifyError.message);
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new PatronError('validation_failed', fastifyError.message);
  }
  return new PatronError('internal_error', 'Internal error', { cause: error });
}

export function buildProblem(error: PatronError, request: FastifyRequest, locale: 'ru' | 'en' = 'en'): Problem {
  const spec = errorCodes[error.code];
  // Extension members come first so that they can never overwrite the standard ones.
  const problem: Problem = {
    ...error.details,
    type: problemTypeUri(error.code),
    title: spec[locale],
    status: spec.status,
    detail: error.message,
    code: error.code,
    request_id: request.id,
    instance: request.url,
  };
  if (error.issues) problem.errors = error.issues;
  return problem;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: PatronError): FastifyReply {
  const problem = buildProblem(error, request);
  const retryAfter = error.details?.retry_after_seconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.code(problem.status).type('application/problem+json').serializer(JSON.stringify).send(problem);
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const patronError = toPatronError(error);
    if (patronError.code === 'internal_error') {
      const logged = isResponseSerializationError(error) ? { err: error, issues: error.cause.issues } : { err: error };
      request.log.error(logged, 'unhandled error');
    } else {
      request.log.info({ code: patronError.code, detail: patronError.message }, 'request refused');
    }
    return sendProblem(reply, request, patronError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, new PatronError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
}

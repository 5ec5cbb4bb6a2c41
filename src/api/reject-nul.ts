import type { FastifyInstance } from 'fastify';
import { PatronError } from '../core/index.ts';

/** The JSON path of the first string containing U+0000, or null. */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}/${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    // Plain JSON objects only: an upload's stream or buffer is the route's to check.
    for (const [key, item] of Object.entries(value)) {
      const found = findNul(key, `${path}/${key}`) ?? findNul(item, `${path}/${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store U+0000 in text, so a NUL anywhere in a request would fail deep inside
 * a transaction as a 500. Every route is guarded here, before validation, with a clear 400.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const path = findNul(value, part);
      if (path) throw new PatronError('validation_failed', `${path} contains a NUL character`, { issues: [{ path, message: 'contains U+0000' }] });
    }
  });
}

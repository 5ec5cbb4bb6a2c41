import { errorCodes } from '../../core/index.ts';
import type { RouteModule } from '../route-context.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The error code table as a page: every problem+json `type` links to an anchor here. */
export const errorCodesPageRoute: RouteModule = (app) => {
  app.get('/docs/errors', {
    config: { access: { public: true } },
    schema: { tags: ['operations'], summary: 'Documentation of every error code (HTML)' },
    handler: async (_request, reply) => {
      const rows = Object.entries(errorCodes)
        .map(
          ([code, spec]) =>
            `<tr id="${code}"><td><code>${code}</code></td><td>${spec.status}</td><td>${spec.exit}</td>` +
            `<td>${escapeHtml(spec.en)}</td><td lang="ru">${escapeHtml(spec.ru)}</td></tr>`,
        )
        .join('\n');
      return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Patron error codes</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}table{border-collapse:collapse}tr:target{background:#fff6d5}</style>
</head><body><h1>Patron error codes</h1>
<p>Every error is returned as <code>application/problem+json</code> (RFC 9457) with a stable <code>code</code> and the <code>request_id</code> it was logged under. CLI commands exit with the code in the third column.</p>
<table><thead><tr><th>code</th><th>HTTP</th><th>exit</th><th>meaning</th><th>значение</th></tr></thead><tbody>
${rows}
</tbody></table><p><a href="/docs">API reference</a></p></body></html>`);
    },
  });
};

/**
 * The test command: one embedded PostgreSQL for the whole run, a migrated template database,
 * then Node's test runner over every *.test.ts file. Each test file clones the template into a
 * fresh database (CREATE DATABASE … TEMPLATE), so files are isolated and start in milliseconds.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pg from 'pg';
import { packageRoot } from '../src/core/index.ts';
import { createPool, migratePostgres, startEmbeddedPostgres } from '../src/db/index.ts';

function findTests(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...findTests(path));
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filter = process.argv.slice(2);
const files = [...findTests(join(packageRoot, 'src')), ...findTests(join(packageRoot, 'test'))]
  .filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)))
  .sort();

const home = mkdtempSync(join(tmpdir(), 'patron-test-'));
chmodSync(home, 0o755);
const started = Date.now();
const server = await startEmbeddedPostgres({ home, onStep: (m) => process.stderr.write(`• ${m}\n`) });
let exitCode = 1;
try {
  const adminUrl = server.urlFor('postgres');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE patron_template');
  await admin.end();
  const templatePool = createPool(server.urlFor('patron_template'));
  await migratePostgres(templatePool);
  await templatePool.end();
  process.stderr.write(`• test database ready in ${Date.now() - started} ms; ${files.length} test files\n`);

  exitCode = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files.map((f) => relative(packageRoot, f))],
      {
        cwd: packageRoot,
        stdio: 'inherit',
        env: { ...process.env, PATRON_TEST_PG_ADMIN_URL: adminUrl, PATRON_TEST_PG_TEMPLATE: 'patron_template', TZ: 'UTC' },
      },
    );
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
} finally {
  await server.stop().catch((e) => process.stderr.write(`could not stop the test PostgreSQL: ${e}\n`));
  rmSync(home, { recursive: true, force: true });
}
process.exit(exitCode);

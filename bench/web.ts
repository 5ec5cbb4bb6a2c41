/**
 * bench/web: how fast the dashboard shows its numbers. Against a running `patron start` on a demo
 * chain, Debian's Chromium signs in and opens the dashboard five times; printed are the medians
 * of the time from navigation to the KPI numbers (target < 1 s) and to the last tile, and as the
 * baseline in the same run, the same API calls made straight from Node (the floor the page
 * cannot beat).
 *
 *   npm run bench:web                       # generates the default demo chain in a temporary folder
 *   npm run bench:web -- --home DIR         # a chain already there (its analytics synced)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, signInAsAdmin } from '../test/helpers/browser.ts';
import { startPatron } from '../test/helpers/run-cli.ts';
import { demoHome } from './demo-home.ts';

const { values } = parseArgs({ options: { home: { type: 'string' }, rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const scratch = mkdtempSync(join(tmpdir(), 'patron-bench-web-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(48)} ${value}\n`);
const home = demoHome(scratch, values.home);
const patron = await startPatron([], { PATRON_HOME: home, PATRON_PORT: '0', PATRON_LOG_LEVEL: 'warn' });
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } })).newPage();
  await signInAsAdmin(page, patron.url, home);
  await page.getByTestId('kpi-revenue').waitFor({ timeout: 60_000 });
  const numbers: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await page.goto(patron.url + '/');
    await page.getByTestId('kpi-revenue').waitFor();
    numbers.push(performance.now() - started);
    await page.getByTestId('dashboard-campaigns').waitFor({ timeout: 60_000 });
    all.push(performance.now() - started);
  }

  // The baseline: the dashboard's first three API calls from Node, with the session's cookie.
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const post = async (path: string, body: unknown) => (await fetch(patron.url + path, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: patron.url }, body: JSON.stringify(body) })).json() as Promise<{ from: string; to: string }>;
  const measures = ['revenue_kopecks', 'receipts', 'customers', 'points_earned', 'points_redeemed'];
  const api: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const now = await post('/v1/cube', { measures, dimensions: ['member'] });
    const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const days = Math.round((Date.parse(now.to) - Date.parse(now.from)) / 86_400_000) + 1;
    await Promise.all([
      post('/v1/cube', { measures, dimensions: ['member'], from: shift(now.from, -days), to: shift(now.from, -1) }),
      post('/v1/cube', { measures: ['revenue_kopecks', 'receipts'], dimensions: ['week', 'member'], from: shift(now.to, -181), to: now.to }),
    ]);
    api.push(performance.now() - started);
  }
  line(`dashboard, time to the KPI numbers (median of ${rounds})`, `${(median(numbers) / 1000).toFixed(2)} s — target < 1 s: ${median(numbers) < 1000 ? 'met' : 'NOT met'}`);
  line('dashboard, time to the last tile', `${(median(all) / 1000).toFixed(2)} s`);
  line('baseline: the same three API calls from Node', `${(median(api) / 1000).toFixed(2)} s`);
} finally {
  await browser.close();
  await patron.stop();
  rmSync(scratch, { recursive: true, force: true });
}

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotFolder } from './helpers/browser.ts';
import { runCli, startPatron, type RunningPatron } from './helpers/run-cli.ts';
import { tempHomes } from './helpers/temp-home.ts';

// The measurement pages in a real browser on a small demo chain: each page shows what the API
// computed (read back through the same API), in both languages.
const { newHome, removeAll } = tempHomes('patron-web-measurement-');
let patron: RunningPatron;
let browser: Browser;
let home: string;
before(async () => {
  home = newHome();
  const made = await runCli(['demo', '--home', home, '--seed', '5', '--shoppers', '3000', '--stores', '3', '--months', '12', '--launch-after-months', '4', '--end', '2026-06-30', '--live-days', '3']);
  assert.equal(made.code, 0, made.stderr);
  // The read side complete before the server starts, so that numbers do not move under the test.
  const synced = await runCli(['analytics', 'sync', '--home', home]);
  assert.equal(synced.code, 0, synced.stderr);
  patron = await startPatron([], { PATRON_HOME: home, PATRON_PORT: '0', PATRON_LOG_LEVEL: 'warn' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await patron?.stop();
  removeAll();
  process.stdout.write(`screenshots: ${screenshotFolder}\n`);
});

async function signIn(page: Page): Promise<void> {
  const password = /password: (\S+)/.exec(readFileSync(join(home, 'initial-admin.txt'), 'utf8'))![1]!;
  await page.goto(patron.url + '/');
  await page.locator('input[type=email]').fill('admin@patron.local');
  await page.locator('input[type=password]').fill(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('user-menu').waitFor();
}

/** The API's own answer, asked from the page's session. */
async function measured<T>(page: Page, kind: string, body: Record<string, unknown>): Promise<T> {
  return page.evaluate(async ([k, b]) => {
    const r = await fetch(`/v1/measurement/${k}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
    return ((await r.json()) as { result: unknown }).result;
  }, [kind, body] as const) as Promise<T>;
}

test('campaigns, program effect and the simulator show the API’s numbers, in Russian and English', async () => {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  await page.getByRole('link', { name: 'Кампании' }).click();
  await page.getByRole('heading', { name: 'Эффективность кампаний' }).waitFor();
  await page.getByTestId('verdict').waitFor();
  const name = await page.getByTestId('campaign-name').innerText();
  const campaigns = await page.evaluate(async () => (await (await fetch('/v1/reports/measurement.campaigns/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"params":{}}' })).json() as { rows: { campaign_id: string; name: string; kind: string; control: number }[] }).rows);
  const shown = campaigns.find((c) => c.name === name)!;
  const effect = await measured<{ comparisons: { metric: string; difference: { estimate: number }; cuped: { difference: { estimate: number } } | null }[]; verdict: Record<string, { ru: string; en: string }> }>(page, 'campaign-effect', { campaign: shown.campaign_id });
  const revenue = effect.comparisons.find((c) => c.metric === 'revenue_per_customer')!;
  const expected = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format((revenue.cuped ?? revenue).difference.estimate / 100);
  assert.equal(await page.getByTestId('revenue-difference').innerText(), expected);
  assert.equal(await page.getByTestId('verdict').innerText(), effect.verdict['treatment']!.ru);
  assert.ok((await page.locator('[data-testid=comparisons] tbody tr').count()) >= 4);
  await page.screenshot({ path: join(screenshotFolder, 'campaigns-ru.png'), fullPage: true });
  // Another campaign: the page follows the choice.
  const other = campaigns.find((c) => c.name !== name && c.control > 1);
  if (other) {
    await page.getByRole('button', { name: new RegExp(other.name) }).click();
    await page.getByTestId('campaign-name').filter({ hasText: other.name }).waitFor();
  }

  await page.getByRole('link', { name: 'Эффект программы' }).click();
  await page.getByTestId('visits-lift').waitFor();
  const program = await measured<{ visits_lift: { estimate: number }; naive: { revenue_ratio: number } }>(page, 'program-effect', {});
  const pct = new Intl.NumberFormat('ru-RU', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(program.visits_lift.estimate);
  assert.equal(await page.getByTestId('visits-lift').innerText(), pct);
  assert.equal(await page.getByTestId('naive-ratio').innerText(), `×${new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(program.naive.revenue_ratio)}`);
  assert.equal(await page.locator('.chart svg').count(), 1);
  await page.screenshot({ path: join(screenshotFolder, 'program-effect-ru.png'), fullPage: true });

  await page.getByRole('link', { name: 'Симулятор механик' }).click();
  await page.getByTestId('mechanics').waitFor();
  // Intl puts no-break spaces in numbers; the literals here are written with plain ones.
  const discountCell = async () => (await page.locator('[data-testid=mechanics] tbody tr').first().locator('td').nth(2).innerText()).replace(/[\u00a0\u202f]/g, ' ');
  assert.equal(await discountCell(), '5,00 %');
  await page.getByLabel('Скидка, %').fill('7');
  await page.getByRole('button', { name: 'Рассчитать' }).click();
  await page.locator('[data-testid=mechanics] tbody tr').first().filter({ hasText: 'discount 7 %' }).waitFor();
  assert.equal(await discountCell(), '7,00 %');
  await page.getByLabel('Уровни: порог ₽ за 12 мес.:ставка %, …').fill('0:3, oops');
  await page.getByRole('button', { name: 'Рассчитать' }).click();
  await page.getByRole('alert').waitFor();
  await page.screenshot({ path: join(screenshotFolder, 'simulator-ru.png'), fullPage: true });

  await page.getByTestId('locale-switch').selectOption('en');
  await page.getByRole('link', { name: 'Program effect' }).click();
  await page.getByRole('heading', { name: 'What the loyalty program causes' }).waitFor();
  await page.getByTestId('visits-lift').waitFor();
  await page.screenshot({ path: join(screenshotFolder, 'program-effect-en.png'), fullPage: true });
  await page.getByRole('link', { name: 'Campaigns' }).click();
  await page.getByTestId('verdict').waitFor();
  assert.match(await page.getByTestId('verdict').innerText(), /revenue per customer/);
  await page.screenshot({ path: join(screenshotFolder, 'campaigns-en.png'), fullPage: true });
  await context.close();
});

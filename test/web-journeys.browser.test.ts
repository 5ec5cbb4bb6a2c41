import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotFolder, signInAsAdmin } from './helpers/browser.ts';
import { runCli, startPatron, type RunningPatron } from './helpers/run-cli.ts';
import { tempHomes } from './helpers/temp-home.ts';

// The web app's key journeys in a real browser on a small demo chain: each page shows what the
// API computed (read back through the same API), in both languages; screenshots of every page.
const { newHome, removeAll } = tempHomes('patron-web-journeys-');
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

const signIn = (page: Page) => signInAsAdmin(page, patron.url, home);

/** A JSON answer of the API, asked from the page's session. */
async function apiFrom<T>(page: Page, path: string, body?: unknown): Promise<T> {
  return page.evaluate(async ([p, b]) => {
    const r = await fetch(p, b === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
    return (await r.json()) as unknown;
  }, [path, body] as const) as Promise<T>;
}
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const rub = (kopecks: number, digits = 0) => new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(kopecks / 100);

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

test('dashboard: the numbers are the cube’s, for the chain and for one store; a phone shows them too', async () => {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  await page.getByRole('heading', { name: 'Программа с первого взгляда' }).waitFor();
  await page.getByTestId('kpi-revenue').waitFor();
  type Cube = { rows: { member: string; revenue_kopecks: number; receipts: number }[]; from: string; to: string };
  const chain = await apiFrom<Cube>(page, '/v1/cube', { measures: ['revenue_kopecks', 'receipts', 'customers', 'points_earned', 'points_redeemed'], dimensions: ['member'] });
  const total = chain.rows.reduce((s, r) => s + r.revenue_kopecks, 0);
  assert.equal(await page.getByTestId('kpi-revenue').innerText(), rub(total));
  assert.equal(plain(await page.getByTestId('kpi-receipts').innerText()), plain(new Intl.NumberFormat('ru-RU').format(chain.rows.reduce((s, r) => s + r.receipts, 0))));
  assert.match(await page.getByTestId('dashboard-period').innerText(), new RegExp(`${chain.from} … ${chain.to}`));
  await page.getByTestId('dashboard-campaigns').waitFor();
  await page.screenshot({ path: join(screenshotFolder, 'dashboard-ru.png'), fullPage: true });

  const stores = await apiFrom<{ stores: { code: string }[] }>(page, '/v1/stores');
  const code = stores.stores[0]!.code;
  await page.getByTestId('dashboard-store').selectOption(code);
  const one = await apiFrom<Cube>(page, '/v1/cube', { measures: ['revenue_kopecks', 'receipts', 'customers', 'points_earned', 'points_redeemed'], dimensions: ['member'], filters: { store: [code] } });
  await page.getByTestId('kpi-revenue').filter({ hasText: rub(one.rows.reduce((s, r) => s + r.revenue_kopecks, 0)) }).waitFor();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(screenshotFolder, 'dashboard-phone-ru.png'), fullPage: true });
  // Nothing runs wider than the phone.
  assert.ok(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1'), 'the dashboard scrolls sideways on a phone');
  await context.close();
});

test('reports: search the catalog, run a report, its table is the API’s rows, export it as CSV', async () => {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page);
  await page.getByRole('link', { name: 'Отчёты' }).click();
  await page.getByTestId('report-search').fill('RFM');
  await page.getByRole('link', { name: 'RFM-сегменты', exact: true }).click();
  await page.getByTestId('report-table').waitFor();
  const { rows } = await apiFrom<{ rows: { segment: string; customers: number }[] }>(page, '/v1/reports/segments.rfm/run', { params: {} });
  assert.equal(await page.locator('[data-testid=report-table] tbody tr').count(), rows.length);
  assert.equal(await page.locator('[data-testid=report-table] tbody tr').first().locator('td').first().innerText(), rows[0]!.segment);
  assert.ok((await page.getByTestId('report-definition').innerText()).length > 50);
  await page.screenshot({ path: join(screenshotFolder, 'report-rfm-ru.png'), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'segments.rfm.csv');
  const text = readFileSync((await download.path())!, 'utf8');
  assert.equal(text.trim().split('\n').length, rows.length + 1);
  await context.close();
});

test('pivot: revenue by store, the table is the cube’s answer', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  await page.getByRole('link', { name: 'Pivot' }).click();
  await page.getByTestId('pivot-table').waitFor();
  await page.getByTestId('pivot-rows').selectOption('store');
  await page.getByTestId('pivot-columns').selectOption('');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.locator('[data-testid=pivot-table] th').first().filter({ hasText: 'Store' }).waitFor();
  const cube = await apiFrom<{ rows: { store: string }[] }>(page, '/v1/cube', { measures: ['revenue_kopecks', 'receipts'], dimensions: ['store'] });
  assert.equal(await page.locator('[data-testid=pivot-table] tbody tr').count(), cube.rows.length);
  await page.screenshot({ path: join(screenshotFolder, 'pivot-en.png'), fullPage: true });
  await context.close();
});

test('POS simulator confirms a receipt for a member; Customer 360 shows the new balance, the receipt, and support adjusts points', async () => {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  const top = await apiFrom<{ rows: { customer_id: string }[] }>(page, '/v1/reports/segments.top-customers/run', { params: {} });
  const member = await apiFrom<{ customer: { cards: { number: string; status: string }[]; name: string } }>(page, `/v1/customers/${top.rows[0]!.customer_id}`);
  const card = member.customer.cards.find((k) => k.status === 'active')!.number;
  const before = await apiFrom<{ pending: number; available: number }>(page, `/v1/customers/${card}/balance`);

  await page.getByRole('link', { name: 'Касса' }).click();
  await page.getByTestId('pos-card').fill(card);
  const products = await apiFrom<{ products: { sku: string; price_kopecks: number | null; non_promotable: boolean }[] }>(page, '/v1/catalog/products');
  const goods = products.products.filter((p) => p.price_kopecks && !p.non_promotable).slice(0, 2);
  for (const p of goods) await page.getByTestId(`pos-add-${p.sku}`).click();
  await page.getByRole('button', { name: 'Рассчитать' }).click();
  await page.getByTestId('pos-calculation').waitFor();
  const earned = Number(await page.getByTestId('pos-points-earned').innerText());
  assert.ok(earned > 0, 'a member earns points on promotable goods');
  await page.screenshot({ path: join(screenshotFolder, 'pos-ru.png'), fullPage: true });
  await page.getByTestId('pos-confirm').click();
  await page.getByTestId('pos-confirmed').waitFor();
  assert.equal(plain(await page.getByTestId('pos-balance-pending').innerText()), plain(new Intl.NumberFormat('ru-RU').format(before.pending + earned)));
  await page.getByTestId('pos-return').click();
  await page.getByTestId('pos-returned').waitFor();

  await page.getByRole('link', { name: 'Открыть клиента' }).click();
  await page.getByTestId('customer-name').waitFor();
  const after = await apiFrom<{ pending: number; available: number }>(page, `/v1/customers/${card}/balance`);
  await page.getByTestId('balance-pending').waitFor();
  assert.equal(plain(await page.getByTestId('balance-pending').innerText()), plain(new Intl.NumberFormat('ru-RU').format(after.pending)));
  assert.ok(after.pending > before.pending && after.pending < before.pending + earned, `pending ${before.pending} → ${after.pending}: earned ${earned}, then part clawed back by the return`);
  await page.getByTestId('customer-receipt').first().waitFor();
  // The read side knows the member's RFM segment (the sync ran before the server started).
  await page.getByTestId('customer-segment').waitFor();
  assert.match(await page.getByTestId('customer-segment').innerText(), /^(champions|loyal|new|needs_attention|at_risk|hibernating)$/);
  const latest = (await apiFrom<{ receipts: { total_kopecks: number; store_code: string }[] }>(page, `/v1/customers/${card}/receipts?limit=1`)).receipts[0]!;
  const shown = plain(await page.getByTestId('customer-receipt').first().innerText());
  assert.ok(shown.includes(latest.store_code) && shown.includes(plain(rub(latest.total_kopecks, 2))), `the latest receipt ${shown}`);
  await page.getByTestId('adjust-amount').fill('100');
  await page.getByTestId('adjust-comment').fill('goodwill for a late delivery');
  await page.getByRole('button', { name: 'Скорректировать бонусы' }).click();
  await page.getByRole('status').filter({ hasText: 'Бонусы скорректированы' }).waitFor();
  const adjusted = await apiFrom<{ available: number }>(page, `/v1/customers/${card}/balance`);
  assert.equal(adjusted.available, after.available + 100);
  await page.screenshot({ path: join(screenshotFolder, 'customer-360-ru.png'), fullPage: true });

  // Found by name too.
  await page.getByTestId('customer-search').fill(member.customer.name.slice(0, 4));
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.getByTestId('customer-results').waitFor();
  await context.close();
});

test('settings preview, an import job, an API key, and the language switch', async () => {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  await page.getByRole('link', { name: 'Правила программы' }).click();
  await page.getByTestId('settings-version').waitFor();
  await page.getByTestId('tier-rate-0').fill('10');
  await page.getByTestId('settings-preview').click();
  await page.getByTestId('settings-preview-result').waitFor();
  const cells = page.locator('[data-testid=settings-preview-result] tbody tr').nth(1).locator('td');
  assert.ok(Number(plain(await cells.nth(2).innerText()).replace(/ /g, '')) > Number(plain(await cells.nth(1).innerText()).replace(/ /g, '')), 'a higher base rate earns more on the sample');
  await page.screenshot({ path: join(screenshotFolder, 'settings-ru.png'), fullPage: true });

  await page.getByRole('link', { name: 'Импорт' }).click();
  const csv = join(home, 'small.csv');
  writeFileSync(csv, 'receipt,ts,sku,qty,price,customer,store\nR1,2026-06-01 10:00:00,X1,2,10.50,C1,S1\nR1,2026-06-01 10:00:00,X2,1,5,C1,S1\nR2,not a date,X1,1,10,C2,S1\n');
  await page.getByTestId('import-file').setInputFiles(csv);
  await page.getByRole('button', { name: 'Загрузить' }).click();
  await page.getByTestId('import-status').filter({ hasText: 'готово' }).waitFor();
  assert.match(plain(await page.getByTestId('import-summary').innerText()), /Строк 3: загружено 2, отклонено 1/);
  // A second export sharing R1 with the first: R1 is not counted twice, and the page names the file it came from.
  const second = join(home, 'small-2.csv');
  writeFileSync(second, 'receipt,ts,sku,qty,price,customer,store\nR1,2026-06-01 10:00:00,X1,2,10.50,C1,S1\nR1,2026-06-01 10:00:00,X2,1,5,C1,S1\nR3,2026-06-02 11:00:00,X1,1,10,C2,S1\n');
  await page.getByTestId('import-file').setInputFiles(second);
  await page.getByRole('button', { name: 'Загрузить' }).click();
  await page.getByTestId('import-summary').filter({ hasText: 'уже были в аналитике' }).waitFor();
  assert.match(plain(await page.getByTestId('import-summary').innerText()), /Строк 3: загружено 1, отклонено 2 · Чеки 1, строк чеков 1 · 2 из них уже были в аналитике и не посчитаны дважды: small\.csv \(1\)/);
  const held = page.getByTestId('import-held');
  await held.locator('tbody tr').filter({ hasText: 'small-2.csv' }).waitFor();
  assert.match(plain(await held.locator('tbody tr').filter({ hasText: 'small.csv' }).first().innerText()), /^small\.csv\s+строки чеков \(Patron, 1С\)\s+2026-06-01 … 2026-06-01\s+1\s+2\s+1\s/);
  await page.screenshot({ path: join(screenshotFolder, 'import-ru.png'), fullPage: true });
  page.once('dialog', (dialog) => void dialog.accept());
  await held.locator('tbody tr').filter({ hasText: /^small\.csv/ }).getByRole('button', { name: 'Убрать' }).click();
  await held.locator('tbody tr').filter({ hasText: /^small\.csv/ }).waitFor({ state: 'detached' });
  await held.locator('tbody tr').filter({ hasText: 'small-2.csv' }).waitFor();
  assert.equal(await held.locator('tbody tr').count(), 1);

  await page.getByRole('link', { name: 'Администрирование' }).click();
  await page.getByTestId('key-name').fill('e-shop');
  await page.getByRole('button', { name: 'Создать' }).nth(1).click();
  await page.getByTestId('key-token').waitFor();
  const row = page.locator('[data-testid=admin-keys] tbody tr').filter({ hasText: 'e-shop' });
  await row.getByRole('button', { name: 'Отозвать' }).click();
  await row.filter({ hasText: 'отозван' }).waitFor();
  await page.screenshot({ path: join(screenshotFolder, 'admin-ru.png'), fullPage: true });

  await page.getByTestId('locale-switch').selectOption('en');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'The program at a glance' }).waitFor();
  await page.getByTestId('kpi-revenue').waitFor();
  await page.screenshot({ path: join(screenshotFolder, 'dashboard-en.png'), fullPage: true });
  await context.close();
});

test('every page opens in Russian and English without an error or an untranslated word', async () => {
  for (const locale of ['ru', 'en'] as const) {
    const context = await browser.newContext({ locale: locale === 'ru' ? 'ru-RU' : 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signIn(page);
    for (const path of ['/', '/customers', '/reports', '/reports/segments.rfm-map', '/pivot', '/campaigns', '/program', '/simulator', '/pos', '/settings', '/import', '/admin', '/system']) {
      await page.goto(patron.url + path);
      await page.locator('h1').first().waitFor();
      // Let the page's requests land, then look for trouble.
      await page.waitForLoadState('networkidle');
      const text = await page.locator('main').innerText();
      assert.equal(await page.getByRole('alert').count(), 0, `${locale} ${path}: ${await page.getByRole('alert').allInnerTexts()}`);
      assert.doesNotMatch(text, /\b(nav|metric|group|segment|dim|measure|preset|job|card|role|expiry|policy|campaigns|customer|dashboard|pos|settings|import|admin|reports|pivot|program|simulator)\.[a-zA-Z_-]+\b/, `${locale} ${path} shows a message key`);
      assert.doesNotMatch(text, /undefined|NaN/, `${locale} ${path}: ${/.{0,60}(undefined|NaN).{0,60}/s.exec(text)?.[0]}`);
      await page.screenshot({ path: join(screenshotFolder, `page${path.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '') || '-dashboard'}-${locale}.png`), fullPage: true });
    }
    assert.deepEqual(failures, []);
    await context.close();
  }
});

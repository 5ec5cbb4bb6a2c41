import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshotFolder } from './helpers/browser.ts';
import { startPatron, type RunningPatron } from './helpers/run-cli.ts';
import { tempHomes } from './helpers/temp-home.ts';

const { newHome, removeAll } = tempHomes('patron-web-');
let patron: RunningPatron;
let browser: Browser;
let home: string;
before(async () => {
  home = newHome();
  patron = await startPatron([], { PATRON_HOME: home, PATRON_PORT: '0', PATRON_LOG_LEVEL: 'warn' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await patron?.stop();
  removeAll();
  process.stdout.write(`screenshots: ${screenshotFolder}\n`);
});

test('in a real browser: sign in, see the overview, switch the language, sign out', async () => {
  const password = /password: (\S+)/.exec(readFileSync(join(home, 'initial-admin.txt'), 'utf8'))![1]!;
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1100, height: 720 } });
  const page = await context.newPage();
  await page.goto(patron.url + '/');

  await page.getByRole('heading', { name: 'Вход' }).waitFor();
  await page.screenshot({ path: join(screenshotFolder, 'login-ru.png') });
  await page.getByLabel('Пароль').fill('wrong password');
  await page.getByLabel('E-mail').fill('admin@patron.local');
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Wrong e-mail or password/);

  await page.getByLabel('Пароль').fill(password);
  await page.keyboard.press('Enter');
  // The dashboard first; an empty chain still answers (nothing to sum is zero, not an error).
  await page.getByRole('heading', { name: 'Программа с первого взгляда' }).waitFor();
  await page.getByTestId('kpi-revenue').waitFor();
  assert.match(await page.getByTestId('user-menu').innerText(), /администратор/);
  await page.getByRole('link', { name: 'Система' }).click();
  await page.getByRole('heading', { name: 'Система', exact: true }).waitFor();
  assert.equal(await page.getByTestId('store-count').innerText(), '0');
  assert.equal(await page.getByTestId('postgres-status').innerText(), 'работает');
  await page.screenshot({ path: join(screenshotFolder, 'system-ru.png') });

  await page.getByTestId('locale-switch').selectOption('en');
  await page.getByRole('heading', { name: 'System', exact: true }).waitFor();
  assert.equal(await page.getByTestId('duckdb-status').innerText(), 'ok');
  await page.screenshot({ path: join(screenshotFolder, 'system-en.png') });

  // The choice is remembered across a reload; the session too.
  await page.reload();
  await page.getByRole('heading', { name: 'System', exact: true }).waitFor();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  const me = await page.evaluate(async () => (await fetch('/v1/me')).status);
  assert.equal(me, 401);
  await context.close();
});

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { packageRoot } from '../../src/core/index.ts';

/** Debian's Chromium (installed by .ci/run when missing); Playwright never downloads a browser. */
export const chromiumPath = '/usr/bin/chromium';

export const screenshotFolder = join(packageRoot, 'test-output', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium (.ci/run does)`);
  mkdirSync(screenshotFolder, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    // As root (CI) Chromium needs --no-sandbox; the rest keeps it off the closed network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Signs in as the admin whose password the first start of the data folder `home` saved. */
export async function signInAsAdmin(page: Page, url: string, home: string): Promise<void> {
  const password = /password: (\S+)/.exec(readFileSync(join(home, 'initial-admin.txt'), 'utf8'))![1]!;
  await page.goto(url + '/');
  await page.locator('input[type=email]').fill('admin@patron.local');
  await page.locator('input[type=password]').fill(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('user-menu').waitFor({ timeout: 60_000 });
}

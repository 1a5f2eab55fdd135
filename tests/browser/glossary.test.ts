import type { Server } from 'node:http';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp } from '../helpers.js';
import { chromiumAvailable, launchChromium, listen, signIn } from './chromium.js';

const run = chromiumAvailable();

describe.runIf(run)('the glossary page, in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const { app } = await makeApp();
    ({ server, base } = await listen(app));
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, base);
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('searches, adds, edits and deletes an entry', async () => {
    await page.goto(`${base}/glossary`);
    expect(await page.locator('tr[data-entry-id]').count()).toBe(59);
    await page.getByLabel('Search').fill('Moments');
    await Promise.all([
      page.waitForURL(/q=Moments/),
      page.getByRole('button', { name: 'Apply', exact: true }).click(),
    ]);
    expect(await page.locator('tr[data-entry-id]').count()).toBe(1);

    await page.goto(`${base}/glossary`);
    await page.getByRole('button', { name: 'Add entry' }).click();
    const dialog = page.locator('[data-role="entry-dialog"]');
    await dialog.getByLabel('Term').fill('算力');
    await dialog.getByLabel('Preferred English').fill('computing power');
    await dialog.getByLabel('Also admitted').fill('compute\ncomputing capacity');
    await Promise.all([
      page.waitForEvent('load'),
      dialog.getByRole('button', { name: 'Save' }).click(),
    ]);
    const row = page.locator('tr[data-entry-id]', { hasText: '算力' });
    expect(await row.textContent()).toContain('compute · computing capacity');
    expect(await page.locator('[data-role="flash"]').textContent()).toBe('Saved.');

    // A duplicate in Traditional script is refused with the server's message.
    await page.getByRole('button', { name: 'Add entry' }).click();
    await dialog.getByLabel('Term').fill('模型權重');
    await dialog.getByLabel('Preferred English').fill('x');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog.locator('[data-role="form-error"]').textContent())
      .toMatch(/already has "模型权重"/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await row.getByRole('button', { name: 'Edit' }).click();
    await dialog.getByLabel('Preferred English').fill('compute');
    await Promise.all([
      page.waitForEvent('load'),
      dialog.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(
      await page
        .locator('tr[data-entry-id]', { hasText: '算力' })
        .locator('td')
        .first()
        .textContent(),
    ).toBe('compute');

    page.once('dialog', (d) => void d.accept());
    await Promise.all([
      page.waitForEvent('load'),
      page
        .locator('tr[data-entry-id]', { hasText: '算力' })
        .getByRole('button', { name: 'Delete' })
        .click(),
    ]);
    expect(await page.locator('tr[data-entry-id]', { hasText: '算力' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('previews an import and shows the report by line', async () => {
    await page.goto(`${base}/glossary`);
    const form = page.locator('[data-role="import-form"]');
    await form.locator('input[type="file"]').setInputFiles({
      name: 'terms.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('source,target\n算力,computing power\n,missing source\n'),
    });
    // While the request is under way the buttons are disabled: one click, one import.
    const held: Route[] = [];
    await page.route('**/api/glossary/import?*', (route) => void held.push(route));
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => held.length).toBe(1);
    expect(await form.getByRole('button', { name: 'Preview' }).isDisabled()).toBe(true);
    await form.evaluate((f) => (f as HTMLFormElement).requestSubmit());
    await page.waitForTimeout(200);
    expect(held.length).toBe(1);
    await held[0]!.continue();
    await page.unroute('**/api/glossary/import?*');
    const report = page.locator('[data-role="import-report"]');
    await expect.poll(() => report.textContent()).toContain('Nothing was imported.');
    expect(await report.locator('[data-count="added"]').textContent()).toBe('1');
    expect(await report.locator('[data-count="invalid"]').textContent()).toBe('1');
    expect(await report.textContent()).toContain('line 3');
    expect(await form.getByRole('button', { name: 'Preview' }).isEnabled()).toBe(true);
  });
});

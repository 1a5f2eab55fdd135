import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { Db } from '../../server/store/db.js';
import { makeApp, userToken } from '../helpers.js';
import { chromiumAvailable, launchChromium, listen } from './chromium.js';

const run = chromiumAvailable();

describe.runIf(run)('annotations in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  let app: Express;
  let db: Db;

  beforeAll(async () => {
    ({ app, db } = await makeApp());
    ({ server, base } = await listen(app));
    await userToken(app, db, 'reviewer');
    await userToken(app, db, 'translator');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(username: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      locale: 'en-US',
    });
    const page = await context.newPage();
    await page.goto(`${base}/login?next=/documents/1`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(`${username}-password`);
    await Promise.all([
      page.waitForURL(`${base}/documents/1`),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await page.locator('mark[data-annotation-id]').first().waitFor();
    return page;
  }

  it('selects a word in the English, annotates it, and sees it highlighted after a reload', async () => {
    const page = await open('reviewer');
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    const area = page.locator('[data-segment-id="6"] textarea[data-side="target"]');
    const text = await area.inputValue();
    const start = text.indexOf('Shanghai AI Laboratory');
    await area.focus();
    await area.evaluate(
      (el, [s, e]) => (el as HTMLTextAreaElement).setSelectionRange(s!, e!),
      [start, start + 22],
    );
    await page.locator('[data-action="annotate-selection"]').click();
    const dialog = page.locator('#annotation-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('input[value="target"]').isChecked()).toBe(true);
    await dialog.locator('[data-role="annotation-category"]').selectOption('terminology');
    await dialog.locator('[data-role="annotation-severity"]').selectOption('critical');
    await dialog
      .locator('[data-role="annotation-body"]')
      .fill(
        'Official name. <img src=x onerror="alert(1)"> <script>alert(2)</script> [x](javascript:alert(3))',
      );
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => dialog.locator('[data-role="annotation-preview"]').textContent())
      .toContain('Official name.');
    await dialog.getByRole('button', { name: 'Add note' }).click();

    await page.reload();
    const mark = page.locator('[data-segment-id="6"] .target-backdrop mark.sev-critical');
    await mark.waitFor({ state: 'attached' });
    expect(await mark.textContent()).toBe('Shanghai AI Laboratory');

    await page.getByRole('button', { name: /Notes/ }).click();
    const note = page.locator('.note', { hasText: 'Official name.' });
    await note.waitFor();
    expect(await note.locator('img, script').count()).toBe(0);
    expect(await note.locator('a[href^="javascript"]').count()).toBe(0);
    expect(dialogs).toBe(0);
  });

  it('lets a translator reply, and a reviewer resolve', async () => {
    const translator = await open('translator');
    await translator.getByRole('button', { name: /Notes/ }).click();
    const first = translator.locator('.note').first();
    await first.locator('textarea').fill('Done, thanks.');
    await first.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => translator.locator('.note').first().locator('.replies').textContent())
      .toContain('Done, thanks.');
    expect(
      await translator.locator('.note').first().getByRole('button', { name: 'Resolve' }).count(),
    ).toBe(0);

    const reviewer = await open('reviewer');
    await reviewer.getByRole('button', { name: /Notes/ }).click();
    const note = reviewer.locator('.note', { hasText: 'Done, thanks.' });
    const id = await note.getAttribute('data-annotation-id');
    await note.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => reviewer.locator(`.note[data-annotation-id="${id}"]`).count()).toBe(0);
    await reviewer.locator('select[data-filter="status"]').selectOption('resolved');
    expect(await reviewer.locator(`.note[data-annotation-id="${id}"]`).count()).toBe(1);
  });
});

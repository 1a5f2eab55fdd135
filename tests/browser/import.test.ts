import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_LIMIT_BYTES } from '../../server/http/routes/exchange.js';
import { makeApp } from '../helpers.js';
import { chromiumAvailable, launchChromium, listen, signIn } from './chromium.js';

const run = chromiumAvailable();

/** A small TMX file of `n` units. */
function tmx(n: number): Buffer {
  const units = Array.from(
    { length: n },
    (_, i) =>
      `<tu><tuv xml:lang="zh-CN"><seg>第${i + 1}段：模型权重。</seg></tuv>` +
      `<tuv xml:lang="en"><seg>Paragraph ${i + 1}: model weights.</seg></tuv></tu>`,
  ).join('\n');
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" ' +
      'creationtoolversion="1" segtype="paragraph" o-tmf="t" adminlang="en" srclang="zh-CN" ' +
      `datatype="plaintext"/><body>\n${units}\n</body></tmx>\n`,
  );
}

describe.runIf(run)('the import page, in Chromium', () => {
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

  const documentCount = async () => {
    const res = await page.request.get(`${base}/api/documents`);
    return ((await res.json()) as { documents: unknown[] }).documents.length;
  };

  it('shows the import under way, takes one click only, then opens the new document', async () => {
    const before = await documentCount();
    await page.goto(`${base}/import`);
    const form = page.locator('form.import-form');
    const file = form.locator('input[type="file"]');
    const format = form.getByLabel('Format');
    // The format follows the file's extension.
    await file.setInputFiles({
      name: 'units.tsv',
      mimeType: 'text/plain',
      buffer: Buffer.from('a\tb\n'),
    });
    expect(await format.inputValue()).toBe('tsv');
    await file.setInputFiles({ name: 'book.tmx', mimeType: 'application/xml', buffer: tmx(30) });
    expect(await format.inputValue()).toBe('tmx');

    // The import request is held until the checks below are done.
    const held: Route[] = [];
    await page.route('**/api/documents/import?*', (route) => void held.push(route));
    await form.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => held.length).toBe(1);
    const status = page.locator('.import-result .import-progress');
    await expect.poll(() => status.isVisible()).toBe(true);
    expect(await status.textContent()).toMatch(/Uploading the file…|Importing: reading/);
    expect(await status.locator('progress').count()).toBe(1);
    expect(await form.getByRole('button', { name: 'Import' }).isDisabled()).toBe(true);
    expect(await form.getAttribute('aria-busy')).toBe('true');
    // A second submit while the first is under way sends nothing.
    await form.evaluate((f) => (f as HTMLFormElement).requestSubmit());
    await page.waitForTimeout(200);
    expect(held.length).toBe(1);

    await Promise.all([page.waitForURL(/\/documents\/\d+$/), held[0]!.continue()]);
    await page.unroute('**/api/documents/import?*');
    await expect.poll(() => page.locator('[data-segment-id]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-segment-id]').first().textContent()).toContain('第1段');
    // Titled after the file, which names no title of its own.
    expect(await page.locator('h1').textContent()).toBe('book');
    expect(await documentCount()).toBe(before + 1);
    expect(errors).toEqual([]);
  });

  it('shows a broken file’s error with its line, and the form can be used again', async () => {
    const before = await documentCount();
    await page.goto(`${base}/import`);
    const form = page.locator('form.import-form');
    const broken = Buffer.from(tmx(3).toString().replace('</tu>\n<tu>', '</tu>\n<tu><tuv>'));
    await form.locator('input[type="file"]').setInputFiles({
      name: 'broken.tmx',
      mimeType: 'application/xml',
      buffer: broken,
    });
    await form.getByRole('button', { name: 'Import' }).click();
    const error = page.locator('.import-result .error');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.textContent()).toMatch(/^Import failed: .+ \(line \d+:\d+\)$/);
    expect(await form.getByRole('button', { name: 'Import' }).isEnabled()).toBe(true);
    expect(await form.getAttribute('aria-busy')).toBe('false');
    expect(await documentCount()).toBe(before);

    // Fixed, the same form imports it.
    await form.locator('input[type="file"]').setInputFiles({
      name: 'fixed.tmx',
      mimeType: 'application/xml',
      buffer: tmx(3),
    });
    await Promise.all([
      page.waitForURL(/\/documents\/\d+$/),
      form.getByRole('button', { name: 'Import' }).click(),
    ]);
    expect(await documentCount()).toBe(before + 1);
    expect(errors).toEqual([]);
  });

  it('refuses a file over the import limit before sending any of it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-big-'));
    const big = path.join(dir, 'huge.tmx');
    fs.writeFileSync(big, Buffer.alloc(IMPORT_LIMIT_BYTES + 1, 0x20));
    try {
      await page.goto(`${base}/import`);
      const sent: string[] = [];
      page.on(
        'request',
        (r) => void (r.url().includes('/api/documents/import') && sent.push(r.url())),
      );
      const form = page.locator('form.import-form');
      await form.locator('input[type="file"]').setInputFiles(big);
      await form.getByRole('button', { name: 'Import' }).click();
      const error = page.locator('.import-result .error');
      await expect
        .poll(() => error.textContent())
        .toBe('The file is larger than the import limit of 50 MB.');
      expect(sent).toEqual([]);
      expect(await form.getByRole('button', { name: 'Import' }).isEnabled()).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

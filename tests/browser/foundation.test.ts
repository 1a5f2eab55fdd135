import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, makeApp } from '../helpers.js';
import { chromiumAvailable, launchChromium, listen } from './chromium.js';

const run = chromiumAvailable();

describe.runIf(run)('in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const { app } = await makeApp();
    ({ server, base } = await listen(app));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function signIn(page: Page) {
    await page.goto(`${base}/documents/1`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await Promise.all([
      page.waitForURL(`${base}/documents/1`),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
  }

  it('signs in and shows 20 paragraph rows side by side', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signIn(page);

    const rows = page.locator('[data-segment-id]');
    await expect.poll(() => rows.count()).toBe(20);
    const first = rows.first();
    expect(await first.getAttribute('data-status')).toBe('translated');
    const source = await first.locator('[data-side="source"]').boundingBox();
    const target = await first.locator('[data-side="target"]').boundingBox();
    // Side by side: same row, source left of target.
    expect(source && target && source.x + source.width <= target.x).toBe(true);
    expect(Math.abs((source?.y ?? 0) - (target?.y ?? 1))).toBeLessThan(4);
    expect(await first.locator('[data-side="target"]').textContent()).toContain('US House');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stacks the two sides on a narrow screen', async () => {
    const context = await browser.newContext({ viewport: { width: 400, height: 800 } });
    const page = await context.newPage();
    await signIn(page);
    const row = page.locator('[data-segment-id]').nth(1);
    const source = await row.locator('[data-side="source"]').boundingBox();
    const target = await row.locator('[data-side="target"]').boundingBox();
    expect(source && target && source.y + source.height <= target.y).toBe(true);
    await context.close();
  });

  it('switches the interface to 简体中文 and 繁體中文 and remembers it', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page);

    await Promise.all([
      page.waitForURL(/lng=zh-Hans/),
      page.getByRole('link', { name: '简体中文' }).click(),
    ]);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    expect(new URL(page.url()).pathname).toBe('/documents/1');
    expect(await page.locator('.site-nav').textContent()).toContain('术语表');

    await Promise.all([
      page.waitForURL(/lng=zh-Hant/),
      page.getByRole('link', { name: '繁體中文' }).click(),
    ]);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hant');
    expect(await page.locator('.site-nav').textContent()).toContain('術語表');

    await page.goto(`${base}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hant');
    expect(await page.locator('h1').textContent()).toBe('文件');
    await context.close();
  });
});

import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import request from 'supertest';
import type { Db } from '../../server/store/db.js';
import { ADMIN_PASSWORD, adminToken, makeApp, userToken } from '../helpers.js';
import { chromiumAvailable, launchChromium, listen } from './chromium.js';

const run = chromiumAvailable();

describe.runIf(run)('the editor in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  let app: Express;
  let db: Db;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ({ app, db } = await makeApp());
    ({ server, base } = await listen(app));
    await userToken(app, db, 'translator');
    await userToken(app, db, 'reviewer');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });
  beforeEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });

  async function open(username = 'admin', password = ADMIN_PASSWORD): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.goto(`${base}/login?next=/documents/1`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await Promise.all([
      page.waitForURL(`${base}/documents/1`),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    return page;
  }

  const row = (page: Page, id: number) => page.locator(`[data-segment-id="${id}"]`);
  const target = (page: Page, id: number) => row(page, id).locator('textarea[data-side="target"]');
  const saved = (page: Page, id: number) =>
    expect
      .poll(() => row(page, id).getAttribute('data-save-state'), { timeout: 10_000 })
      .toBe('saved');
  const api = async (path: string) =>
    (
      await request(app)
        .get(path)
        .set('Authorization', `Bearer ${await adminToken(app)}`)
    ).body;

  it('autosaves after typing stops, and the text is still there after a reload', async () => {
    const page = await open();
    await target(page, 4).click();
    await target(page, 4).press('Control+End');
    await target(page, 4).pressSequentially(' (autosaved)');
    expect(await row(page, 4).getAttribute('data-save-state')).toBe('dirty');
    await saved(page, 4);
    await page.reload();
    expect(await target(page, 4).inputValue()).toMatch(/\(autosaved\)$/);
    expect(await row(page, 4).getAttribute('data-version')).toBe('2');
  });

  it('Ctrl+Enter marks the paragraph translated and moves to the next one needing work', async () => {
    await db.updateTable('segments').set({ status: 'draft' }).where('id', 'in', [6, 9]).execute();
    const page = await open('translator', 'translator-password');
    await target(page, 6).click();
    await target(page, 6).press('Control+Enter');
    await saved(page, 6);
    expect(await row(page, 6).getAttribute('data-status')).toBe('translated');
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-segment-id]')?.getAttribute('data-segment-id'),
      ),
    ).toBe('9');
    await target(page, 9).press('Alt+ArrowUp');
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-segment-id]')?.getAttribute('data-segment-id'),
      ),
    ).toBe('8');
  });

  it('shows a conflict when two people edit one paragraph, and keeps both texts in history', async () => {
    const first = await open('translator', 'translator-password');
    const second = await open('reviewer', 'reviewer-password');
    await target(first, 5).fill('First person’s text.');
    await target(first, 5).blur();
    await saved(first, 5);

    await target(second, 5).fill('Second person’s text.');
    await target(second, 5).blur();
    const panel = row(second, 5).locator('.conflict-panel');
    await panel.waitFor();
    expect(await panel.locator('[data-role="theirs"]').textContent()).toContain(
      'First person’s text.',
    );
    expect(await panel.locator('[data-role="mine"]').textContent()).toContain(
      'Second person’s text.',
    );
    expect(await panel.locator('.diff-view del').count()).toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Keep mine' }).click();
    await saved(second, 5);

    const history = await api('/api/segments/5/revisions');
    const texts = history.revisions.map((r: { target: string }) => r.target);
    expect(texts).toContain('First person’s text.');
    expect(texts[0]).toBe('Second person’s text.');
  });

  it('retries a failed save until the server answers', async () => {
    const page = await open();
    await page.route('**/api/segments/7', (route) => route.abort('connectionrefused'));
    await target(page, 7).fill('Saved after the network came back.');
    await target(page, 7).blur();
    await expect.poll(() => row(page, 7).getAttribute('data-save-state')).toBe('retrying');
    await page.unroute('**/api/segments/7');
    await saved(page, 7);
    const doc = await api('/api/documents/1');
    expect(doc.segments.find((s: { id: number }) => s.id === 7).target).toBe(
      'Saved after the network came back.',
    );
  });

  it('saves what was typed and chosen before the editor’s script ran (a long page runs it last)', async () => {
    const page = await open();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/static/js/editor/main.js', async (route) => {
      await gate;
      await route.continue();
    });
    await page.reload({ waitUntil: 'commit' });
    await target(page, 12).waitFor();
    await target(page, 12).click();
    await target(page, 12).press('Control+End');
    await target(page, 12).pressSequentially(' (typed early)');
    await row(page, 12).locator('select[data-role="status"]').selectOption('draft');
    release();
    await saved(page, 12);
    const doc = await api('/api/documents/1');
    const seg = doc.segments.find((s: { id: number }) => s.id === 12);
    expect(seg.target).toMatch(/ \(typed early\)$/);
    expect(seg.status).toBe('draft');
  });

  it('finds and replaces in the English with a preview, as versioned saves', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Find and replace…' }).click();
    await page.locator('[data-role="replace-find"]').fill('Lin Dahua');
    await page.locator('[data-role="replace-with"]').fill('LIN Dahua');
    await page.locator('[data-role="replace-case"]').check();
    await page.getByRole('button', { name: 'Preview' }).click();
    const items = page.locator('[data-role="replace-list"] li');
    const count = await items.count();
    expect(count).toBeGreaterThan(2);
    expect(await items.first().locator('del').first().textContent()).toBe('Lin Dahua');
    await page.locator('[data-action="replace-apply"]').click();
    await expect
      .poll(() => page.locator('[data-role="replace-message"]').textContent())
      .toMatch(/Replaced in \d+ paragraphs; 0/);
    const doc = await api('/api/documents/1');
    const english = doc.segments.map((s: { target: string }) => s.target).join('\n');
    expect(english).not.toContain('Lin Dahua');
    expect(english).toContain('LIN Dahua');
  });

  it('restores an earlier version from the history', async () => {
    const page = await open();
    const original = await target(page, 10).inputValue();
    await target(page, 10).fill('A rewrite to be undone.');
    await target(page, 10).blur();
    await saved(page, 10);
    await row(page, 10).getByRole('button', { name: 'History' }).click();
    const dialog = page.locator('#history-dialog');
    await dialog.locator('tr').nth(1).waitFor();
    await expect.poll(() => dialog.locator('.diff-view ins').allTextContents()).toContain('undone');
    await dialog.locator('tr').nth(1).getByRole('button', { name: 'Restore this version' }).click();
    await expect
      .poll(() => dialog.locator('[data-role="history-message"]').textContent())
      .toContain('Restored version');
    expect(await target(page, 10).inputValue()).toBe(original);
    const history = await api('/api/segments/10/revisions');
    expect(history.revisions[0]).toMatchObject({ kind: 'restore', target: original });
  });

  it('filters, searches with highlighted hits, shows shortcuts and Traditional script', async () => {
    const page = await open();
    await page.locator('[data-role="search"]').fill('林达华');
    await expect.poll(() => page.locator('[data-role="hits"]').textContent()).toMatch(/\d+ hits/);
    expect(
      await page.evaluate(() => CSS.highlights.get('duizhao-search')?.size ?? 0),
    ).toBeGreaterThan(2);
    await page.locator('[data-role="filter"]').selectOption('notes');
    const visible = await page.locator('[data-segment-id]:visible').count();
    expect(visible).toBeGreaterThan(0);
    expect(visible).toBeLessThan(20);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    expect(await page.locator('#shortcuts-dialog').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Traditional/ }).click();
    await expect
      .poll(() => row(page, 1).locator('[data-side="source"]').textContent())
      .toContain('美國眾議院');
  });

  it('splits a paragraph pair at the cursor and merges it back, from the row tools', async () => {
    const page = await open();
    const before = await page.locator('[data-segment-id]').count();
    const source = (await row(page, 11).locator('[data-side="source"]').textContent()) ?? '';
    const english = await target(page, 11).inputValue();
    await row(page, 11).getByRole('button', { name: 'Split…' }).click();
    const dialog = page.locator('#split-dialog');
    const cutSource = source.indexOf(',') + 1;
    const cutTarget = english.indexOf(', ') + 2;
    await dialog
      .locator('[data-role="split-source"]')
      .evaluate((el, n) => (el as HTMLTextAreaElement).setSelectionRange(n, n), cutSource);
    await dialog
      .locator('[data-role="split-target"]')
      .evaluate((el, n) => (el as HTMLTextAreaElement).setSelectionRange(n, n), cutTarget);
    await dialog.getByRole('button', { name: 'Split here' }).click();
    await expect
      .poll(() => page.locator('[data-segment-id]').count(), { timeout: 10_000 })
      .toBe(before + 1);
    await page.waitForLoadState('load');
    expect(await target(page, 11).inputValue()).toBe(english.slice(0, cutTarget));

    page.once('dialog', (d) => void d.accept());
    await row(page, 11).getByRole('button', { name: 'Merge with next' }).click();
    await expect
      .poll(() => page.locator('[data-segment-id]').count(), { timeout: 10_000 })
      .toBe(before);
    await page.waitForLoadState('load');
    expect(await row(page, 11).locator('[data-side="source"]').textContent()).toBe(source);
    expect(await target(page, 11).inputValue()).toBe(english);
  });

  it('locks approved paragraphs for a translator', async () => {
    await db.updateTable('segments').set({ status: 'approved' }).where('id', '=', 12).execute();
    const page = await open('translator', 'translator-password');
    expect(await target(page, 12).getAttribute('readonly')).not.toBeNull();
    expect(await row(page, 12).locator('select').isDisabled()).toBe(true);
  });
});

import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp } from '../helpers.js';
import { chromiumAvailable, launchChromium, listen, signIn } from './chromium.js';

const run = chromiumAvailable();

describe.runIf(run)('terms in the editor and the review page, in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const { app } = await makeApp();
    ({ server, base } = await listen(app));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, base);
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('highlights source terms with a tooltip; clicking one asks the editor to insert it', async () => {
    await page.goto(`${base}/documents/1`);
    // The lead adds this tag to the document page; the test adds it itself.
    await page.addScriptTag({ type: 'module', url: '/static/js/terms.js' });
    const row = page.locator('[data-segment-id]').filter({ hasText: '模型权重' });
    const mark = row.locator('[data-side="source"] mark[data-entry-id]', { hasText: '模型权重' });
    await expect.poll(() => mark.count()).toBe(1);
    expect(await mark.getAttribute('title')).toMatch(
      /^model weights · weights · The trained numerical values/,
    );
    // The source text is unchanged by the marks.
    expect(await row.locator('[data-side="source"]').textContent()).toContain('出售模型权重、参数');
    const marks = await page.locator('[data-side="source"] mark[data-entry-id]').count();
    expect(marks).toBeGreaterThan(90);

    const detail = await page.evaluate(() => {
      return new Promise<unknown>((resolve) => {
        document.addEventListener(
          'duizhao:insert-term',
          (e) => resolve((e as CustomEvent).detail),
          { once: true },
        );
        const m = [...document.querySelectorAll('[data-side="source"] mark[data-entry-id]')].find(
          (x) => x.textContent === '模型权重',
        );
        (m as HTMLElement).click();
      });
    });
    const segmentId = Number(await row.getAttribute('data-segment-id'));
    expect(detail).toEqual({ segmentId, text: 'model weights' });
    expect(errors).toEqual([]);
  });

  it('a refresh redraws only rows whose terms or marks changed, not the whole document', async () => {
    await page.goto(`${base}/documents/1`);
    const marks = page.locator('[data-side="source"] mark[data-entry-id]');
    await expect.poll(() => marks.count()).toBeGreaterThan(90);
    // A string, so the test runner does not rewrite the browser's own import().
    const result = (await page.evaluate(`(async () => {
      const all = () => [...document.querySelectorAll('[data-side="source"] mark[data-entry-id]')];
      const before = all();
      const mod = await import('/static/js/terms.js');
      await mod.refreshTerms();
      const kept = before.filter((m) => m.isConnected).length;
      // Marks stripped from one row behind the terms' back (its text unchanged) come back.
      const row = before[0].closest('[data-segment-id]');
      const source = row.querySelector('[data-side="source"]');
      const inRow = source.querySelectorAll('mark[data-entry-id]').length;
      source.textContent = source.textContent;
      await mod.refreshTerms();
      return {
        before: before.length,
        kept,
        after: all().length,
        inRow,
        inRowAfter: source.querySelectorAll('mark[data-entry-id]').length,
        othersKept: before.filter((m) => !row.contains(m) && m.isConnected).length,
      };
    })()`)) as {
      before: number;
      kept: number;
      after: number;
      inRow: number;
      inRowAfter: number;
      othersKept: number;
    };
    expect(result.kept).toBe(result.before);
    expect(result.after).toBe(result.before);
    expect(result.inRow).toBeGreaterThan(0);
    expect(result.inRowAfter).toBe(result.inRow);
    expect(result.othersKept).toBe(result.before - result.inRow);
    expect(errors).toEqual([]);
  });

  it('lists a row’s terms beside an editable target, and marks renderings in a read-only one', async () => {
    await page.goto(`${base}/documents/1`);
    await page.addScriptTag({ type: 'module', url: '/static/js/terms.js' });
    const row = page.locator('[data-segment-id]').filter({ hasText: '模型权重' });
    const target = row.locator('[data-side="target"]');
    const tag = await target.evaluate((el) => el.tagName);
    if (tag === 'TEXTAREA') {
      const chip = row.locator('[data-role="term-panel"] .term-chip', {
        hasText: '模型权重',
      });
      await expect.poll(() => chip.count()).toBe(1);
      const detail = await page.evaluate(() => {
        return new Promise<unknown>((resolve) => {
          document.addEventListener(
            'duizhao:insert-term',
            (e) => resolve((e as CustomEvent).detail),
            { once: true },
          );
          const chip = [...document.querySelectorAll('.term-chip')].find(
            (x) => x.textContent === '模型权重',
          );
          (chip as HTMLElement).click();
        });
      });
      expect(detail).toMatchObject({ text: 'model weights' });
    } else {
      await expect
        .poll(() => target.locator('mark[data-entry-id]', { hasText: 'model weights' }).count())
        .toBe(1);
    }
    // Exported functions mark a plain element by offsets, across existing markup.
    // A string, so the test runner does not rewrite the browser's own import().
    const html = await page.evaluate(`(async () => {
      const mod = await import('/static/js/terms.js');
      const div = document.createElement('div');
      div.innerHTML = '不是<b>BIS</b>。开源模型';
      const entries = new Map([
        [1, { id: 1, source: 'BIS', target: 'BIS', alternatives: [], forbidden: [], note: '' }],
        [2, { id: 2, source: '开源模型', target: 'open-source model', alternatives: [], forbidden: [], note: 'n' }],
      ]);
      mod.markMatches(div, [
        { entryId: 1, side: 'source', start: 2, end: 5, text: 'BIS' },
        { entryId: 2, side: 'source', start: 6, end: 10, text: '开源模型' },
        { entryId: 2, side: 'source', start: 0, end: 2, text: 'stale' },
      ], entries);
      return div.innerHTML;
    })()`);
    expect(html).toBe(
      '不是<b><mark class="term term-source" data-entry-id="1" title="BIS">BIS</mark></b>。<mark class="term term-source" data-entry-id="2" title="open-source model · n">开源模型</mark>',
    );
    // Several matches in one text node (at its start, inside, at its end), given in any
    // order; one that spans two text nodes is left unmarked.
    const many = await page.evaluate(`(async () => {
      const mod = await import('/static/js/terms.js');
      const div = document.createElement('div');
      div.innerHTML = '模型权重和开源模型，模型<i>权</i>重';
      const entries = new Map([[3, { id: 3, source: 'x', target: 't', alternatives: [], forbidden: [], note: '' }]]);
      const made = mod.markMatches(div, [
        { entryId: 3, side: 'source', start: 5, end: 9, text: '开源模型' },
        { entryId: 3, side: 'source', start: 0, end: 4, text: '模型权重' },
        { entryId: 3, side: 'source', start: 12, end: 14, text: '权重' },
        { entryId: 3, side: 'source', start: 10, end: 12, text: '模型' },
      ], entries);
      return { made, html: div.innerHTML, text: div.textContent, nodes: div.childNodes.length };
    })()`);
    const m = (t: string) =>
      `<mark class="term term-source" data-entry-id="3" title="t">${t}</mark>`;
    expect(many).toEqual({
      made: 3,
      html: `${m('模型权重')}和${m('开源模型')}，${m('模型')}<i>权</i>重`,
      text: '模型权重和开源模型，模型权重',
      nodes: 7,
    });
  });

  it('shows the review with every verdict ok, links to paragraphs, and filters', async () => {
    await page.goto(`${base}/documents/1/review`);
    expect(await page.locator('[data-role="summary"]').getAttribute('data-ok')).toBe('101');
    expect(await page.locator('[data-role="all-ok"]').isVisible()).toBe(true);
    expect(await page.locator('tr.occurrence[data-verdict="ok"]').count()).toBe(101);
    await page.getByLabel('Verdict').selectOption('missing');
    await Promise.all([
      page.waitForURL(/verdict=missing/),
      page.getByRole('button', { name: 'Apply filters' }).click(),
    ]);
    expect(await page.locator('tr.occurrence').count()).toBe(0);
    await page.goto(`${base}/documents/1/review`);
    const link = page.locator('tr.occurrence a').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/documents\/1#seg-\d+$/);
    await Promise.all([page.waitForURL(/\/documents\/1#seg-/), link.click()]);
    expect(errors).toEqual([]);
  });

  it('adds a candidate term to the glossary in one click', async () => {
    await page.goto(`${base}/documents/1/review`);
    page.once('dialog', (d) => void d.accept('chip'));
    const button = page.locator('button[data-action="add-candidate"]').first();
    const source = await button.getAttribute('data-source');
    await button.click();
    await expect.poll(() => button.isDisabled()).toBe(true);
    const res = await page.request.get(
      `${base}/api/glossary?q=${encodeURIComponent(source ?? '')}`,
    );
    const body = (await res.json()) as { entries: { source: string; target: string }[] };
    expect(body.entries.find((e) => e.source === source)?.target).toBe('chip');
  });
});

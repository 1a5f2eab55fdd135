/**
 * editorOpen: opening a 5,000-paragraph document in headless Chromium, with a 5,000-entry
 * glossary, until the first paragraphs are visible and the page responds to input, against
 * the same text as a static HTML page served by a bare node:http server. Target: ≤ 2× the
 * static page. Also reported: when the glossary terms are marked (`termsMarkedMs`).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { testConfig } from '../server/config.js';
import { prepare } from '../server/start.js';
import { insertDocument } from '../server/store/documents.js';
import { insertGlossaryEntries } from '../server/store/glossary.js';
import { launchChromium, listen } from '../tests/browser/chromium.js';
import {
  chineseParagraph,
  englishParagraph,
  glossaryEntries,
  median,
  seededRandom,
  type BenchResult,
} from './lib.js';

const PASSWORD = 'bench-admin-password';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Navigates and waits until the first row is visible and its text field takes a keystroke;
 * then, with `marks`, until the page shows glossary marks.
 */
async function timeOpen(page: Page, url: string, marks = false): Promise<[number, number]> {
  const start = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  const field = page.locator('[data-segment-id] [data-side="target"]').first();
  await field.waitFor({ state: 'visible' });
  await field.focus();
  const before = await field.evaluate((el) => (el as HTMLTextAreaElement).value.length);
  await page.keyboard.type('x');
  await page.waitForFunction((n) => {
    const el = document.querySelector('[data-segment-id] [data-side="target"]');
    return el instanceof HTMLTextAreaElement && el.value.length === n + 1;
  }, before);
  const usable = performance.now() - start;
  if (!marks) return [usable, 0];
  await page.waitForFunction(() => document.querySelector('mark.term') !== null, null, {
    timeout: 120_000,
  });
  return [usable, performance.now() - start];
}

export async function benchEditorOpen(opts: {
  paragraphs: number;
  runs: number;
}): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-bench-'));
  const { app, db } = await prepare(
    testConfig({
      databaseUrl: `sqlite:${path.join(dir, 'bench.sqlite')}`,
      seedCorpus: false,
      adminPassword: PASSWORD,
    }),
    () => {},
  );
  const rand = seededRandom(42);
  const segments = Array.from({ length: opts.paragraphs }, () => ({
    source: chineseParagraph(rand),
    target: englishParagraph(rand),
    status: 'translated' as const,
  }));
  const { id } = await db
    .transaction()
    .execute((trx) =>
      insertDocument(
        trx,
        { title: 'Bench document', sourceLang: 'zh-CN', targetLang: 'en', segments },
        1,
        'seed',
      ),
    );
  // A client termbase, as in the consistency benchmark: its terms are marked in the editor.
  await db.transaction().execute((trx) =>
    insertGlossaryEntries(
      trx,
      glossaryEntries(rand, 5000).map((e) => ({
        ...e,
        alternatives: [],
        forbidden: [],
        note: '',
        caseSensitive: false,
        domain: '',
      })),
    ),
  );
  const { server, base } = await listen(app);

  // Baseline: the same rows as static HTML (editable fields included), from bare node:http.
  const rows = segments
    .map(
      (s, i) =>
        `<div class="row" data-segment-id="${i + 1}"><div data-side="source">${escapeHtml(s.source)}</div>` +
        `<textarea data-side="target">${escapeHtml(s.target)}</textarea></div>`,
    )
    .join('\n');
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>static</title><body>${rows}</body></html>`;
  const staticServer = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((r) => staticServer.listen(0, '127.0.0.1', r));
  const staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;

  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    // Each opening in a fresh tab of a fresh context (the session cookie only): no autosave of
    // the previous run still pending, no unsaved text in localStorage for the editor to restore
    // (which would change the field under the measuring keystroke).
    const cookies = (await context.storageState()).cookies;
    await context.close();
    const open = async (url: string, marks = false) => {
      const fresh = await browser!.newContext({
        viewport: { width: 1280, height: 900 },
        storageState: { cookies, origins: [] },
      });
      try {
        return await timeOpen(await fresh.newPage(), url, marks);
      } finally {
        await fresh.close();
      }
    };
    const editor: number[] = [];
    const marked: number[] = [];
    const baseline: number[] = [];
    // Warm-up of both, then alternate so machine noise hits both alike.
    await open(staticUrl);
    await open(`${base}/documents/${id}`);
    for (let i = 0; i < opts.runs; i++) {
      baseline.push((await open(staticUrl))[0]);
      const [usable, marksDrawn] = await open(`${base}/documents/${id}`, true);
      editor.push(usable);
      marked.push(marksDrawn);
    }
    const value = median(editor);
    const base0 = median(baseline);
    const ratio = value / base0;
    return {
      value: Math.round(value),
      unit: 'ms',
      baseline: Math.round(base0),
      ratio: Number(ratio.toFixed(2)),
      target: '≤ 2× static HTML',
      pass: ratio <= 2,
      paragraphs: opts.paragraphs,
      glossaryEntries: 5000,
      termsMarkedMs: Math.round(median(marked)),
      runs: opts.runs,
      htmlBytes: html.length,
    };
  } finally {
    await browser?.close();
    server.close();
    staticServer.close();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

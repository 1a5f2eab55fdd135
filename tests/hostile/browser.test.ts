import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, adminToken, makeApp } from '../helpers.js';
import { chromiumAvailable, launchChromium, listen } from '../browser/chromium.js';

const run = chromiumAvailable();
const PAYLOAD = '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

describe.runIf(run)('hostile text in the browser', () => {
  let browser: Browser;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const { app } = await makeApp();
    const auth = { Authorization: `Bearer ${await adminToken(app)}` };
    await request(app)
      .patch('/api/segments/2')
      .set(auth)
      .send({ target: PAYLOAD, version: 1 })
      .expect(200);
    await request(app)
      .post('/api/glossary')
      .set(auth)
      .send({ source: '恶意', target: PAYLOAD, note: PAYLOAD })
      .expect(201);
    await request(app).post('/api/segments/2/annotations').set(auth).send({
      side: 'target',
      start: 0,
      end: 5,
      category: 'other',
      severity: 'critical',
      body: PAYLOAD,
    });
    ({ server, base } = await listen(app));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it.each(['/documents/1', '/documents/1/review', '/glossary', '/admin/audit'])(
    '%s shows it as text and runs nothing',
    async (path) => {
      const page = await browser.newPage();
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs += 1;
        void d.dismiss();
      });
      await page.goto(`${base}/login?next=${encodeURIComponent(path)}`);
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await Promise.all([
        page.waitForURL(`${base}${path}`),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      await page.waitForLoadState('networkidle');
      if (path === '/documents/1') await page.getByRole('button', { name: /Notes/ }).click();
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(dialogs).toBe(0);
      await page.close();
    },
  );
});

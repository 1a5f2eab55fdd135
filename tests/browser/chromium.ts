import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Express } from 'express';
import { ADMIN_PASSWORD } from '../helpers.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Whether browser tests can run. Under CI they must: a missing Chromium there is a failure,
 * never a silent skip.
 */
export function chromiumAvailable(): boolean {
  const present = fs.existsSync(CHROMIUM_PATH);
  if (!present && process.env.CI)
    throw new Error(`CI=true but ${CHROMIUM_PATH} is missing: install Debian chromium`);
  if (!present)
    console.warn(`SKIPPING browser tests: ${CHROMIUM_PATH} not found (apt-get install chromium)`);
  return present;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Serves an app on a free loopback port. */
export async function listen(app: Express): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}

/** Signs `page` in as the admin through the sign-in form, landing on the documents page. */
export async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await Promise.all([
    page.waitForURL(`${base}/`),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

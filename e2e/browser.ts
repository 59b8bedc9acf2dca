// Debian's Chromium driven by playwright-core (no browser download). Each context gets a fresh
// profile folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, expect, inject } from 'vitest';
import { apiLogIn } from './api.js';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';

export { CHROMIUM } from './chromium.js';

export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1440, height: 900 };

export interface Session {
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  close(): Promise<void>;
}

export async function openBrowser(viewport = DESKTOP, baseUrl = inject('baseUrl')): Promise<Session> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    baseUrl,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// The whole page by default; `fullPage: false` for a drawer or dialog, which covers the viewport
// only (below it a full-page picture would show the page without the overlay).
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

// Nothing may stick out sideways: a page wider than the viewport means something overflows.
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

export async function logIn(session: Session, username: string, password: string): Promise<void> {
  const { page } = session;
  await page.goto(`${session.baseUrl}/login`);
  await page.getByLabel('用户名或手机号').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Signs in through the API and hands the session cookie to the browser (the form has its own test). */
export async function signInAs(session: Session, username: string, password: string): Promise<void> {
  const api = await apiLogIn(username, password, session.baseUrl);
  await session.context.addCookies(
    api.cookie.split('; ').map((pair) => {
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: session.baseUrl };
    }),
  );
}

/** The antd Select option lists open (or still closing) on the page. */
export const openLists = (page: Page) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/** Waits until no select list is open or closing, so that the next one is the only one. */
export async function listsClosed(page: Page): Promise<void> {
  await expect.poll(() => openLists(page).count(), { timeout: 20_000 }).toBe(0);
}

/** Picks `option` (its exact title) in the antd Select that `select` (its input) belongs to. */
export async function chooseOption(
  page: Page,
  select: Locator,
  option: string,
  { multiple = false } = {},
): Promise<void> {
  await listsClosed(page);
  await select.click();
  const list = openLists(page);
  await list.waitFor();
  // Clicked while still sliding open, an option can miss.
  await settle(page);
  await list
    .locator('.ant-select-item-option')
    .and(page.getByTitle(option, { exact: true }))
    .click();
  if (multiple) await page.keyboard.press('Escape');
  await listsClosed(page);
}

// Waits until nothing on the page is moving (drawers, dropdowns, messages sliding in or out), so
// that a screenshot shows the page at rest. Endless animations (spinners) are not waited for.
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const deadline = Date.now() + 5_000;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    // A motion often starts a frame or two after the change that caused it: wait for a few quiet frames.
    for (let quiet = 0; quiet < 3 && Date.now() < deadline; ) {
      const moving = document
        .getAnimations()
        .filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
      if (moving.length === 0) quiet++;
      else {
        quiet = 0;
        await Promise.race([
          Promise.all(moving.map((a) => a.finished.catch(() => undefined))),
          new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()))),
        ]);
      }
      await frame();
    }
  });
}

/** After a failed test, where each of its pages stood: e2e/screenshots/failed-<test>-<n>.png and the URL. */
export async function recordFailure(testName: string, sessions: readonly Session[]): Promise<void> {
  const slug = testName.replace(/[^\w.-]+/g, '-').slice(0, 60);
  for (const [n, session] of sessions.entries()) {
    try {
      console.error(`failed test “${testName}”, page ${n}: ${session.page.url()}`);
      await screenshot(session.page, `failed-${slug}-${n}`);
    } catch {
      // The page may be gone already; the test's own error says enough then.
    }
  }
}

/**
 * The browsers a describe block opens: `open(viewport)` starts one (page errors go to the log); a
 * failed test leaves a screenshot of each page (`recordFailure`); all close when the block ends.
 */
export function suiteBrowsers(
  defaultViewport = DESKTOP,
): (viewport?: typeof DESKTOP, baseUrl?: string) => Promise<Session> {
  const sessions: Session[] = [];
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure(task.name, sessions);
  });
  afterAll(async () => {
    for (const s of sessions.splice(0)) await s.close();
  });
  return async (viewport = defaultViewport, baseUrl = inject('baseUrl')) => {
    const session = await openBrowser(viewport, baseUrl);
    sessions.push(session);
    session.page.on('pageerror', (error) => console.error('pageerror', error));
    return session;
  };
}

/** Back at the top of the page with nothing moving, ready for a screenshot. */
export async function atRest(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
}

/** The element's text as shown (white space collapsed). */
export async function shownText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The guardian's page opens today's pickup code from the home tile: the card and the code shown. */
export async function openPickupCode(guardian: Session): Promise<{ card: Locator; shown: string }> {
  const { page } = guardian;
  await page.goto(`${guardian.baseUrl}/guardian`);
  await page.getByTestId('pickup-link').click();
  const card = page.getByTestId('pickup-card').filter({ has: page.getByTestId('pickup-code') });
  await card.getByTestId('pickup-qr').waitFor({ timeout: 20_000 });
  return { card, shown: (await shownText(card.getByTestId('pickup-code'))).replace(/\s/g, '') };
}

// Every page of the app, as each demo role, in Chinese and in English (issue 14.13, 14.20). The
// pages are read from src/web/routes.tsx, so a new page is walked without touching this file. On
// each page:
// - axe-core (WCAG 2.1 A/AA and best practice) finds no serious or critical violation, in both
//   languages;
// - in English, no Chinese character and no full-width punctuation is shown outside user-entered
//   data (names of people, schools, regions, venues, typed by users), which the pages mark with
//   `data-user-text` (or `lang="zh…"`, as the language switch does for 中文).
//
// Time, measured on the 2-core machine: one width per role in both languages walks 63 pages twice
// in about 4 minutes (school admin 60–120 s, bureau 36 s, duty chief 47 s, teacher 32 s, gate 24 s,
// guardian 21 s); both widths would double it. So each role is walked at the width it is used at:
// the phone roles (teacher, duty chief, gate, guardian) at 390×844, the console roles (school
// admin, bureau) at 1440×900.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { DESKTOP, type Session, screenshot, settle, signInAs, suiteBrowsers } from '../browser.js';

const PHONE_390 = { width: 390, height: 844 };

// ---- the pages, from the route table ----

interface RoutePage {
  /** `/school/plans/:planId` */
  path: string;
  /** The role whose guard is around it; null for a page that needs only a session; 'public' for none. */
  role: string | null | 'public';
}

const ROUTES_FILE = path.resolve(import.meta.dirname, '../../src/web/routes.tsx');

/** Every page path of routes.tsx with the membership role its `RequireRole` asks for. */
function routePages(): RoutePage[] {
  const source = ts.createSourceFile(
    ROUTES_FILE,
    fs.readFileSync(ROUTES_FILE, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const pages: RoutePage[] = [];
  const property = (node: ts.ObjectLiteralExpression, name: string) =>
    node.properties.find(
      (p): p is ts.PropertyAssignment =>
        ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
    )?.initializer;
  const guardOf = (element: ts.Node | undefined): string | null | 'public' => {
    let role: string | null | 'public' = 'public';
    const visit = (node: ts.Node) => {
      if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
        const tag = node.tagName.getText();
        if (tag === 'RequireSession' && role === 'public') role = null;
        if (tag === 'RequireRole') {
          for (const attr of node.attributes.properties) {
            if (
              ts.isJsxAttribute(attr) &&
              attr.name.getText() === 'membershipRole' &&
              attr.initializer &&
              ts.isStringLiteral(attr.initializer)
            )
              role = attr.initializer.text;
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    if (element) visit(element);
    return role;
  };
  const walk = (list: ts.ArrayLiteralExpression, parent: string, parentRole: string | null | 'public') => {
    for (const item of list.elements) {
      if (!ts.isObjectLiteralExpression(item)) continue;
      const pathNode = property(item, 'path');
      const own = pathNode && ts.isStringLiteral(pathNode) ? pathNode.text : '';
      const isIndex = property(item, 'index')?.kind === ts.SyntaxKind.TrueKeyword;
      const full = own.startsWith('/') ? own : `${parent.replace(/\/$/, '')}/${own}`.replace(/\/+/g, '/');
      const guard = guardOf(property(item, 'element'));
      const role = guard === 'public' ? parentRole : guard;
      const children = property(item, 'children');
      if (children && ts.isArrayLiteralExpression(children)) walk(children, full, role);
      else if (own !== '*' && (own || isIndex)) pages.push({ path: isIndex ? parent || '/' : full, role });
    }
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) &&
      node.name.getText() === 'routes' &&
      node.initializer &&
      ts.isArrayLiteralExpression(node.initializer)
    )
      walk(node.initializer, '', 'public');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return pages;
}

// ---- the checks ----

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it stands. The CSP forbids inline
 * scripts, so `addScriptTag({ content })` is refused; Playwright's `evaluate` runs through the
 * DevTools protocol, which the page's CSP does not govern, and loads the library as it is on disk.
 */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => {
        if (v.id === 'color-contrast') {
          // Which colours, once each: the fix is in the theme, not in the element.
          const pairs = new Set(
            v.nodes.map((n) => {
              const d = n.any[0]?.data as
                | { fgColor?: string; bgColor?: string; contrastRatio?: number }
                | undefined;
              return `${d?.fgColor} on ${d?.bgColor} ${d?.contrastRatio}:1 (${n.target.join(' ')})`;
            }),
          );
          return `axe ${v.impact} color-contrast ×${v.nodes.length}: ${[...pairs].slice(0, 6).join(' | ')}`;
        }
        const where = v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`)
          .join(' | ');
        return `axe ${v.impact} ${v.id} ×${v.nodes.length}: ${where}`;
      });
  });
}

/**
 * Visible texts and accessible names that hold a Chinese character or full-width punctuation,
 * outside elements marked as user-entered data (`data-user-text`, `lang="zh…"`).
 */
async function chineseShown(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const CJK = /[\u2E80-\u2FFF\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/;
    const userData = (el: Element | null) => el?.closest('[data-user-text], [lang^="zh"]') != null;
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!CJK.test(text) || !parent || userData(parent)) continue;
      if (parent.closest('script, style, noscript')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
      found.add(`text “${text.trim().slice(0, 80)}” in ${parent.tagName.toLowerCase()}`);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (userData(el) || !el.checkVisibility({ visibilityProperty: true })) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(name);
        // A tooltip that repeats the element's own marked text (a select showing a chosen name).
        const marked = [...el.querySelectorAll('[data-user-text], [lang^="zh"]')].map((m) => m.textContent);
        if (name === 'title' && value && marked.some((text) => text && value.includes(text))) continue;
        if (value && CJK.test(value))
          found.add(`${name} “${value.slice(0, 80)}” on ${el.tagName.toLowerCase()}`);
      }
    }
    if (CJK.test(document.title)) found.add(`title “${document.title}”`);
    return [...found];
  });
}

/** The page has drawn its data: no spinner or skeleton left, and nothing moving. */
async function pageReady(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(
    () =>
      document.querySelector('#root')?.childElementCount &&
      !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading'),
    undefined,
    { timeout: 20_000 },
  );
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await settle(page);
}

// ---- the walk ----

const ROLES = [
  { username: 'school.admin', role: 'school_admin', viewport: DESKTOP },
  { username: 'bureau', role: 'bureau', viewport: DESKTOP },
  { username: 'teacher', role: 'care_teacher', viewport: PHONE_390 },
  { username: 'duty.chief', role: 'duty_chief', viewport: PHONE_390 },
  { username: 'gate.guard', role: 'gate_guard', viewport: PHONE_390 },
  { username: 'guardian', role: 'guardian', viewport: PHONE_390 },
] as const;

const PAGES = routePages();

/** A route with parameters becomes the first link to such a page the role's other pages showed. */
function resolve(route: string, links: ReadonlySet<string>): string | null {
  if (!route.includes(':')) return route;
  const pattern = new RegExp(`^${route.replace(/:[^/]+/g, '[^/?#]+')}$`);
  return [...links].find((link) => pattern.test(link)) ?? null;
}

async function switchLanguage(page: Page, to: 'English' | '中文'): Promise<void> {
  await page.getByTestId('language-switch').first().click();
  await page.getByRole('button', { name: to, exact: true }).click();
  await expect
    .poll(() => page.evaluate(() => document.documentElement.lang))
    .toBe(to === 'English' ? 'en' : 'zh-CN');
  await page.waitForFunction(() => !document.querySelector('.ant-popover:not(.ant-popover-hidden)'));
}

interface Walked {
  visited: string[];
  problems: string[];
}

/** Visits each page in the current language and runs the checks; returns what was found. */
async function walk(session: Session, pages: readonly RoutePage[], english: boolean, shot: string) {
  const { page, baseUrl } = session;
  const result: Walked = { visited: [], problems: [] };
  const links = new Set<string>();
  const plain = pages.filter((p) => !p.path.includes(':'));
  const withParams = pages.filter((p) => p.path.includes(':'));
  for (const route of [...plain, ...withParams]) {
    const address = resolve(route.path, links);
    if (!address) {
      result.problems.push(`${route.path}: no page linked to it, so it was not walked`);
      continue;
    }
    await page.goto(`${baseUrl}${address}`);
    await pageReady(page);
    result.visited.push(address);
    for (const href of await page.evaluate(() =>
      [...document.querySelectorAll('a[href^="/"]')].map((a) => a.getAttribute('href') ?? ''),
    ))
      links.add(href.split(/[?#]/)[0] ?? href);
    const here = `${english ? 'en' : 'zh'} ${address}`;
    for (const v of await axeViolations(page)) result.problems.push(`${here}: ${v}`);
    if (english) for (const c of await chineseShown(page)) result.problems.push(`${here}: ${c}`);
    // A few pages of each role in English, to look at (every page's picture would double the time).
    if (english && result.visited.length <= 3)
      await screenshot(page, `every-page-${shot}${address.replace(/[^\w]+/g, '-')}`);
  }
  return result;
}

describe('every page, every role, in Chinese and in English', () => {
  const open = suiteBrowsers();

  it('the route table lists the pages of every role', () => {
    for (const r of ROLES) expect(PAGES.filter((p) => p.role === r.role).length).toBeGreaterThan(2);
    expect(PAGES.some((p) => p.path === '/notice/:schoolCode/:termCode' && p.role === 'public')).toBe(true);
  });

  it('signed out: the public pages pass both checks', { timeout: 120_000 }, async () => {
    const session = await open(PHONE_390);
    await session.page.goto(`${session.baseUrl}/login`);
    await pageReady(session.page);
    const pages = PAGES.filter((p) => p.role === 'public' && !p.path.includes(':'));
    const zh = await walk(session, pages, false, 'public-390-zh');
    // The sign-in page has the language switch (the status pages have none).
    await session.page.goto(`${session.baseUrl}/login`);
    await pageReady(session.page);
    await switchLanguage(session.page, 'English');
    const en = await walk(session, [...pages, { path: '/no-such-page', role: 'public' }], true, 'public-390');
    expect([...zh.problems, ...en.problems]).toEqual([]);
  });

  for (const r of ROLES) {
    it(`${r.username}: every page passes both checks`, { timeout: 300_000 }, async () => {
      const session = await open(r.viewport);
      const { page } = session;
      await signInAs(session, r.username, DEMO_PASSWORD);
      // The role's pages, the pages of any signed-in user, and the public notice (from the
      // guardian's application page, which links to it).
      const pages = PAGES.filter(
        (p) => p.role === r.role || p.role === null || (r.role === 'guardian' && p.path.includes('/notice/')),
      );
      const started = Date.now();
      await page.goto(`${session.baseUrl}/`);
      await pageReady(page);
      const zh = await walk(session, pages, false, `${r.role}-${r.viewport.width}-zh`);
      // The walk may end on a page without the language switch (the public notice): switch at home.
      await page.goto(`${session.baseUrl}/`);
      await pageReady(page);
      await switchLanguage(page, 'English');
      const en = await walk(session, pages, true, `${r.role}-${r.viewport.width}`);
      console.info(
        `every-page ${r.username} @${r.viewport.width}: ${en.visited.length} pages ×2 languages in ${Math.round((Date.now() - started) / 1000)} s`,
      );
      expect(en.visited.length).toBeGreaterThan(2);
      expect([...zh.problems, ...en.problems]).toEqual([]);
    });
  }
});

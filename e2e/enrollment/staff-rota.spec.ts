// Staff (F-09) and the duty rota (F-10) in the browser, at the demo school 东湖区实验小学: the
// administrator sees the staff with their letters (one expired, one missing in the demo), adds a
// manager, records the signed responsibility letter with its scan (A 三.1), makes them Monday's duty
// chief (A 三.6) and sees their hours a week; the duty chief sees the week on a phone. The demo's rota
// and staff list are put back afterwards, since the e2e server is shared with the other journeys.
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { tinyPdf } from '../../src/demo/staff.js';
import type { RotaView } from '../../src/web/api/staff-queries.js';
import { type ApiSession, apiLogIn } from '../api.js';
import {
  DESKTOP,
  horizontalOverflow,
  listsClosed,
  openBrowser,
  openLists,
  PHONE,
  recordFailure,
  type Session,
  screenshot,
  settle,
  signInAs,
} from '../browser.js';

const eventually = { timeout: 20_000 };
const digits = String(Date.now()).slice(-6);
const newcomer = `值日测试${digits}`;

async function apiSend<T>(session: ApiSession, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${inject('baseUrl')}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Picks the option of `name` in a searchable antd Select, typing to find it in a long list. */
async function choose(page: Page, select: Locator, name: string): Promise<void> {
  await listsClosed(page);
  await select.click();
  await page.keyboard.type(name);
  const list = openLists(page);
  await list.waitFor();
  await settle(page);
  const option = new RegExp(name);
  await list.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  await listsClosed(page);
}

async function atRest(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
}

describe('staff, letters and duty rota', () => {
  const sessions: Session[] = [];
  const open = async (viewport = DESKTOP) => {
    const session = await openBrowser(viewport);
    sessions.push(session);
    return session;
  };
  let admin: ApiSession;
  let schoolId: string;
  let before: RotaView;

  beforeAll(async () => {
    admin = await apiLogIn('school.admin', DEMO_PASSWORD);
    schoolId = admin.memberships.find((m) => m.role === 'school_admin')?.schoolId ?? '';
    before = await apiSend<RotaView>(admin, 'GET', `/api/schools/${schoolId}/rota/current`);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure(task.name, sessions);
  });

  afterAll(async () => {
    // Put the demo's rota back and archive the person added here.
    await apiSend(admin, 'PUT', `/api/schools/${schoolId}/terms/${before.term.termId}/rota`, {
      days: before.days.map((d) => ({
        weekday: d.weekday,
        dutyChiefStaffId: d.dutyChief?.staffId ?? null,
        managerStaffIds: d.managers.map((m) => m.staffId),
      })),
    });
    const list = await apiSend<{ items: { staffId: string; name: string }[] }>(
      admin,
      'GET',
      `/api/schools/${schoolId}/staff`,
    );
    const added = list.items.find((s) => s.name === newcomer);
    if (added) await apiSend(admin, 'POST', `/api/schools/${schoolId}/staff/${added.staffId}/archive`);
    for (const s of sessions) await s.close();
  });

  it('the demo rota flags nobody under the weekly limit; the spread is information (issue 14.6)', async () => {
    // The demo as it is: everyone under the region's limit (the platform's default, 8 h a week), so
    // nobody is flagged, however far from the median (the old 1.5 × median rule flagged 5 of 11
    // people at 3.3 h; the rule's boundaries are unit-tested in src/domain/rota.test.ts).
    const rota = await apiSend<RotaView>(admin, 'GET', `/api/schools/${schoolId}/rota/current`);
    const { fairness } = rota;
    expect(fairness.limit).toBe(8 * 60);
    expect(fairness.limitIsPlatformDefault).toBe(true);
    expect(fairness.max).toBeLessThanOrEqual(fairness.limit);
    expect(fairness.overloaded).toEqual([]);
    expect(fairness.spread).toBe(fairness.max - fairness.min);
    expect(rota.problems.filter((p) => p.code === 'overloaded')).toEqual([]);

    const session = await open();
    const { page } = session;
    await signInAs(session, 'school.admin', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/school/rota`);
    const card = page.getByTestId('rota-hours');
    await card.getByTestId('rota-spread').waitFor(eventually);
    expect(await card.textContent()).toContain('每人每周上限 8 小时（平台默认，地区可调整）');
    expect(await card.getByTestId('rota-spread').textContent()).toMatch(
      /相差 [\d.]+ 小时（均衡参考，不是警告）/,
    );
    expect(await page.getByText('工作量过重').count()).toBe(0);
    expect(await page.getByText('超过每周上限').count()).toBe(0);
    await atRest(page);
    await screenshot(page, `rota-limit-${DESKTOP.width}`);
    await page.setViewportSize(PHONE);
    await atRest(page);
    await screenshot(page, `rota-limit-${PHONE.width}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('the administrator adds a manager, records the signed letter with its scan, and makes them Monday’s duty chief', async () => {
    const session = await open();
    const { page } = session;
    page.on('pageerror', (error) => console.error('pageerror', error));
    await signInAs(session, 'school.admin', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/school/staff`);
    await expect.poll(() => page.getByRole('row').count(), eventually).toBeGreaterThan(10);
    // The demo: one expired and one missing letter, the leadership group with its 组长.
    await expect.poll(() => page.getByTestId('letter-expired').count(), eventually).toBe(1);
    expect(await page.getByTestId('letter-missing').count()).toBe(1);
    expect(await page.getByTestId('leadership-card').textContent()).toContain('林校长');
    await atRest(page);
    await screenshot(page, `staff-page-${DESKTOP.width}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.setViewportSize(PHONE);
    await atRest(page);
    await screenshot(page, `staff-page-${PHONE.width}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.setViewportSize(DESKTOP);
    await settle(page);

    // Add a manager who serves on Mondays and Thursdays.
    await page.getByTestId('staff-add').click();
    const drawer = page.getByRole('dialog').filter({ hasText: '新增人员' });
    await drawer.locator('#staff_name').fill(newcomer);
    await drawer.locator('#staff_phone').fill('138 0013 8000');
    await drawer.getByRole('radio', { name: '管理人员' }).check();
    for (const day of ['周二', '周三', '周五']) await drawer.getByRole('checkbox', { name: day }).uncheck();
    await page.getByTestId('staff-save').click();
    const row = page.getByRole('row').filter({ hasText: newcomer });
    await row.waitFor(eventually);
    expect(await row.textContent()).toContain('未签');
    expect(await row.textContent()).toContain('13800138000');

    // Record the letter: today to the end of next August, with a PDF scan.
    await page.getByTestId(`letters-${newcomer}`).click();
    const letters = page.getByRole('dialog').filter({ hasText: '的岗位责任书' });
    await letters.getByText('尚未登记责任书').waitFor(eventually);
    const year = Number(
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4),
    );
    const until = letters.getByLabel('有效期至', { exact: true });
    await until.click();
    await until.fill(`${year + 1}-08-24`);
    await until.press('Enter');
    await letters.locator('input[type=file]').setInputFiles({
      name: '岗位责任书.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf(['Kehou e2e - responsibility letter']),
    });
    await page.getByTestId('letter-submit').click();
    await letters.getByTestId('letter-scan-link').waitFor(eventually);
    expect(await letters.getByTestId('letter-current').count()).toBe(1);
    await settle(page);
    await screenshot(page, `staff-letter-drawer-${DESKTOP.width}`, { fullPage: false });
    // The scan opens with its type.
    const href = (await letters.getByTestId('letter-scan-link').getAttribute('href')) ?? '';
    const scan = await page.request.get(`${session.baseUrl}${href}`);
    expect(scan.status()).toBe(200);
    expect(scan.headers()['content-type']).toBe('application/pdf');
    await page.keyboard.press('Escape');
    await expect.poll(() => row.textContent(), eventually).toContain('有效');

    // The rota: Monday's duty chief is now the newcomer.
    await page.goto(`${session.baseUrl}/school/rota`);
    const monday = page.getByTestId('chief-1');
    await monday.waitFor(eventually);
    await choose(page, monday, newcomer);
    await page.getByTestId('rota-save').click();
    await page.getByText('值日安排已保存').waitFor(eventually);
    // Their hours: Monday as duty chief, from the first session to the end time and the hand-over.
    const hours = page.getByTestId(`hours-${newcomer}`);
    await hours.waitFor(eventually);
    expect(await hours.textContent()).toMatch(/^\d+(\.\d)? 小时$/);
    const rota = await apiSend<RotaView>(admin, 'GET', `/api/schools/${schoolId}/rota/current`);
    expect(rota.days.find((d) => d.weekday === 1)?.dutyChief?.name).toBe(newcomer);
    const mine = rota.hours.find((h) => h.name === newcomer);
    expect(mine?.days).toEqual([{ weekday: 1, roles: ['duty_chief'] }]);
    expect(mine?.minutesPerWeek.other).toBeGreaterThan(0);
    await atRest(page);
    await screenshot(page, `rota-page-${DESKTOP.width}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.setViewportSize(PHONE);
    await atRest(page);
    await screenshot(page, `rota-page-${PHONE.width}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('the duty chief sees the week’s duties on a phone, read-only', async () => {
    const session = await open(PHONE);
    const { page } = session;
    page.on('pageerror', (error) => console.error('pageerror', error));
    await signInAs(session, 'duty.chief', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/duty`);
    const card = page.getByTestId('rota-week');
    await card.getByText('值日总护导', { exact: false }).first().waitFor(eventually);
    // 黄主任, the demo duty chief, is on duty on some days: those are marked as theirs.
    expect(await card.textContent()).toContain('我：值日总护导');
    expect(await card.locator('select, input').count()).toBe(0);
    await atRest(page);
    await screenshot(page, `duty-home-rota-${PHONE.width}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });
});

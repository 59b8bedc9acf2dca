// The calendar as a month grid (issue 14.16) and the make-up working days of a plan (issue 14.17), at
// the demo school 东湖区实验小学 (东湖区: the pilot policy, B 二 — make-up working days are the plan's
// choice, not served by default). The school's month shows a make-up working day and a no-service day,
// the bureau's month the region's holidays and make-up days with the term's first day, both on a
// desktop and a phone; the plan form offers the make-up option and the service-day count follows it.
// On a demo of its own: the journey reopens the approved plan and adds a no-service day.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import type { PlanDetail } from '../../src/web/api/types.js';
import { type ApiSession, apiGet, apiLogIn } from '../api.js';
import {
  DESKTOP,
  horizontalOverflow,
  openBrowser,
  PHONE,
  recordFailure,
  type Session,
  screenshot,
  settle,
  signInAs,
} from '../browser.js';
import type { DemoServer } from '../demo-server.js';
import { startOwnDemo } from '../own-demo.js';

const eventually = { timeout: 20_000 };

async function apiSend<T>(session: ApiSession, base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? null : await response.json()) as T;
}

/** Moves the grid to the month of `date` with its arrows. */
async function showMonth(page: Page, grid: string, date: string): Promise<void> {
  const target = date.slice(0, 7);
  const title = page.getByTestId(grid).getByTestId('month-title');
  await title.waitFor(eventually);
  for (let i = 0; i < 24; i++) {
    const text = (await title.textContent()) ?? '';
    const [, y, m] = /(\d{4})年(\d{1,2})月/.exec(text) ?? [];
    const shown = `${y}-${String(m).padStart(2, '0')}`;
    if (shown === target) return;
    await page
      .getByTestId(grid)
      .getByTestId(shown < target ? 'month-next' : 'month-prev')
      .click();
    await expect.poll(() => title.textContent(), eventually).not.toBe(text);
  }
  throw new Error(`the grid never showed ${target}`);
}

const marksOf = (page: Page, grid: string, date: string) =>
  page.getByTestId(grid).locator(`td[data-date="${date}"]`).getAttribute('data-marks');

describe('the calendar’s month grid and make-up working days', () => {
  const sessions: Session[] = [];
  let demo: DemoServer;
  const open = async (viewport = DESKTOP) => {
    const session = await openBrowser(viewport, demo.baseUrl);
    sessions.push(session);
    return session;
  };
  let admin: ApiSession;
  let schoolId: string;
  let plan: PlanDetail;
  let today: string;
  let makeUp: string;
  let noService: string;

  beforeAll(async () => {
    demo = await startOwnDemo('calendar', new Date());
    admin = await apiLogIn('school.admin', DEMO_PASSWORD, demo.baseUrl);
    today = (await apiGet<{ today: string }>(admin, '/api/clock')).today;
    schoolId = admin.memberships.find((m) => m.role === 'school_admin')?.schoolId ?? '';
    const plans = await apiGet<{ items: { id: string; firstDay: string; lastDay: string }[] }>(
      admin,
      `/api/schools/${schoolId}/plans`,
    );
    const current = plans.items.find((p) => p.firstDay <= today && today <= p.lastDay) ?? plans.items[0];
    if (!current) throw new Error('the demo school has no plan');
    plan = await apiGet<PlanDetail>(admin, `/api/schools/${schoolId}/plans/${current.id}`);
    // The pilot does not serve make-up working days unless the plan says so.
    expect(plan.policyVersion.policy.makeUpWorkdays).toEqual({
      rule: 'plan_chooses',
      byDefault: 'not_served',
    });
    const notServed = plan.serviceDays.excluded.find((d) => d.reason.kind === 'make_up_day_not_served');
    if (!notServed) throw new Error('the demo term has no make-up working day');
    makeUp = notServed.date;
    // A no-service day on a weekday the plan does not serve, so that no count of the demo changes.
    const free = plan.serviceDays.excluded.find(
      (d) => d.reason.kind === 'weekday_not_served' && d.date > today,
    );
    noService = free?.date ?? plan.term.lastDay;
    await apiSend(admin, demo.baseUrl, 'PUT', `/api/schools/${schoolId}/no-service-days/${noService}`, {
      reason: '期末考试',
    });
  }, 120_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure(task.name, sessions);
  });

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await demo?.close();
  });

  it('the school’s no-service-day page opens on a month grid with the make-up day and the no-service day', async () => {
    const session = await open();
    const { page } = session;
    await signInAs(session, 'school.admin', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/school/no-service-days?term=${plan.term.id}`);
    await page.getByTestId('nsd-month').waitFor(eventually);
    await showMonth(page, 'nsd-month', makeUp);
    expect(await marksOf(page, 'nsd-month', makeUp)).toBe('makeup');
    const holiday = plan.serviceDays.excluded.find(
      (d) => d.reason.kind === 'holiday' && d.date.slice(0, 7) === makeUp.slice(0, 7),
    );
    if (holiday) expect(await marksOf(page, 'nsd-month', holiday.date)).toBe('holiday');
    const served = plan.serviceDays.firstDay ?? '';
    await settle(page);
    await screenshot(page, `calendar-school-month-${DESKTOP.width}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await showMonth(page, 'nsd-month', noService);
    await expect.poll(() => marksOf(page, 'nsd-month', noService), eventually).toContain('noService');
    expect(
      await page.getByTestId('nsd-month').locator(`td[data-date="${noService}"]`).getAttribute('aria-label'),
    ).toContain('期末考试');
    await showMonth(page, 'nsd-month', served);
    expect(await marksOf(page, 'nsd-month', served)).toContain('service');
    await showMonth(page, 'nsd-month', plan.term.firstDay);
    expect(await marksOf(page, 'nsd-month', plan.term.firstDay)).toContain('termFirst');

    await page.setViewportSize(PHONE);
    await showMonth(page, 'nsd-month', makeUp);
    await settle(page);
    await screenshot(page, `calendar-school-month-${PHONE.width}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The list is the other view.
    await page.getByTestId('nsd-view').getByText('列表').click();
    await page.getByRole('cell', { name: '期末考试' }).waitFor(eventually);
    expect(await page.getByTestId('nsd-month').count()).toBe(0);
  });

  it('the bureau’s calendar opens on a month grid of the year: holidays, make-up days, the term’s first day', async () => {
    const bureau = await apiLogIn('bureau.donghu', DEMO_PASSWORD, demo.baseUrl);
    const regionId = bureau.memberships.find((m) => m.role === 'bureau')?.regionId ?? '';
    const year = Number(today.slice(0, 4));
    const calendar = await apiGet<{ official: { date: string; kind: string }[] }>(
      bureau,
      `/api/regions/${regionId}/calendar?year=${year}`,
    );
    const yearMakeUp = calendar.official.find((d) => d.kind === 'makeup_workday');
    const session = await open();
    const { page } = session;
    await signInAs(session, 'bureau.donghu', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/bureau/calendar`);
    await page.getByTestId('calendar-month').waitFor(eventually);
    // The 40-row official list is the other view.
    expect(await page.getByTestId('calendar-official').count()).toBe(0);
    if (yearMakeUp) {
      await showMonth(page, 'calendar-month', yearMakeUp.date);
      expect(await marksOf(page, 'calendar-month', yearMakeUp.date)).toBe('makeup');
    }
    if (plan.term.firstDay.startsWith(`${year}-`)) {
      await showMonth(page, 'calendar-month', plan.term.firstDay);
      expect(await marksOf(page, 'calendar-month', plan.term.firstDay)).toContain('termFirst');
    }
    if (yearMakeUp) await showMonth(page, 'calendar-month', yearMakeUp.date);
    await settle(page);
    await screenshot(page, `calendar-bureau-month-${DESKTOP.width}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.setViewportSize(PHONE);
    await settle(page);
    await screenshot(page, `calendar-bureau-month-${PHONE.width}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByTestId('calendar-view').getByText('列表').click();
    await page.getByTestId('calendar-official').waitFor(eventually);
  });

  it('the bureau’s policy page sets the weekly limit per person and the make-up rule, with their sources', async () => {
    const session = await open();
    const { page } = session;
    await signInAs(session, 'bureau.donghu', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/bureau/policy`);
    const limit = page.getByLabel('每人每周服务时长上限', { exact: true });
    await limit.waitFor(eventually);
    expect(await limit.inputValue()).toBe('8.0');
    await page.getByText('平台默认 8 小时，地区可调整', { exact: false }).first().waitFor(eventually);
    expect(await page.getByRole('radio', { name: '由各校方案选择' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: '不服务' }).last().isChecked()).toBe(true);
    // A change shows in the list of changes before it is published.
    await limit.fill('10');
    await page.getByTestId('policy-changes').getByText('10 小时/周').waitFor(eventually);
    await page.getByText('平台默认 8 小时，地区可调整', { exact: false }).first().scrollIntoViewIfNeeded();
    await settle(page);
    await screenshot(page, `policy-rota-calendar-${DESKTOP.width}`, { fullPage: false });
  });

  it('the plan form offers the make-up working days, and the service-day count follows the choice', async () => {
    const reopened = await apiSend<PlanDetail>(
      admin,
      demo.baseUrl,
      'POST',
      `/api/schools/${schoolId}/plans/${plan.id}/reopen`,
      { revision: plan.revision },
    );
    const before = reopened.serviceDays.count;
    const session = await open();
    const { page } = session;
    await signInAs(session, 'school.admin', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/school/plans/${plan.id}`);
    const option = page.getByTestId('plan-make-up');
    await option.waitFor(eventually);
    expect(await option.textContent()).toContain('本地区政策由各校方案选择；未选择时不服务');
    await option.getByRole('radio', { name: '服务', exact: true }).check();
    await option.getByText('调休上班日按星期几的课表与编组').waitFor(eventually);
    await settle(page);
    await option.scrollIntoViewIfNeeded();
    await screenshot(page, `plan-make-up-${DESKTOP.width}`, { fullPage: false });
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText(`已保存（第 ${reopened.revision + 1} 次修改）`).waitFor(eventually);
    const saved = await apiGet<PlanDetail>(admin, `/api/schools/${schoolId}/plans/${plan.id}`);
    expect(saved.content.makeUpWorkdays).toBe('served');
    expect(saved.serviceDays.makeUpDays.map((d) => d.date)).toContain(makeUp);
    expect(saved.serviceDays.count).toBeGreaterThan(before);
    expect(saved.serviceDays.count - before).toBe(saved.serviceDays.makeUpDays.length);

    // The month grid follows: the make-up day is now a served one.
    await page.goto(`${session.baseUrl}/school/no-service-days?term=${plan.term.id}`);
    await showMonth(page, 'nsd-month', makeUp);
    await expect.poll(() => marksOf(page, 'nsd-month', makeUp), eventually).toBe('makeupServed');
  });
});

// Grouping (编班, F-08) and the roster (学生名册, F-07/F-28) in the browser, at the demo school
// 东湖区实验小学, whose enrolled children the demo has already grouped: the administrator runs the
// automatic grouping, moves a child out of a group and back, puts the demo care teacher (陈老师) in
// charge of a group and saves; the roster prints one group a page without the menus and downloads as
// xlsx; the care teacher sees only their own group on a phone.
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import type { GroupingView, RosterView } from '../../src/web/api/grouping-queries.js';
import { type ApiSession, apiGet, apiLogIn } from '../api.js';
import {
  chooseOption,
  DESKTOP,
  horizontalOverflow,
  listsClosed,
  openBrowser,
  openLists,
  PHONE,
  recordFailure,
  SCREENSHOTS,
  type Session,
  screenshot,
  settle,
  signInAs,
} from '../browser.js';
import type { DemoServer } from '../demo-server.js';
import { startOwnDemo } from '../own-demo.js';

const eventually = { timeout: 20_000 };

describe('grouping and roster', () => {
  const sessions: Session[] = [];
  // Saving a grouping replaces the term's groups, the demo day's included: the journey runs on a
  // demo of its own, so that the journeys of the day (the teacher's group, the handover) keep theirs.
  let demo: DemoServer;
  const open = async (viewport = DESKTOP) => {
    const session = await openBrowser(viewport, demo.baseUrl);
    sessions.push(session);
    return session;
  };
  let admin: ApiSession;
  let schoolId: string;
  let termId: string;
  let day: number;

  beforeAll(async () => {
    demo = await startOwnDemo('grouping', new Date());
    admin = await apiLogIn('school.admin', DEMO_PASSWORD, demo.baseUrl);
    // The term of the server's service day (the demo clock's), not of the machine's date.
    const { today } = await apiGet<{ today: string }>(admin, '/api/clock');
    schoolId = admin.memberships.find((m) => m.role === 'school_admin')?.schoolId ?? '';
    const terms = await apiGet<{ items: { id: string; firstDay: string; lastDay: string }[] }>(
      admin,
      `/api/schools/${schoolId}/terms`,
    );
    const term = terms.items.find((t) => t.firstDay <= today && today <= t.lastDay) ?? terms.items[0];
    if (!term) throw new Error('the demo school has no term');
    termId = term.id;
    const grouping = await apiGet<GroupingView>(admin, `/api/schools/${schoolId}/terms/${termId}/grouping`);
    expect(grouping.saved).toBe(true);
    day = grouping.plan.weekdays[0] ?? 1;
  }, 120_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure(task.name, sessions);
  });

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await demo?.close();
  });

  it('the administrator runs the automatic grouping, adjusts it and saves', async () => {
    const session = await open();
    const { page } = session;
    await signInAs(session, 'school.admin', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/school`);
    await page.getByTestId('home-school_admin').waitFor();
    await page.getByRole('link', { name: '编班' }).click();
    await page.getByTestId(`grouping-day-${day}`).waitFor(eventually);
    await page.getByTestId(`grouping-quota-${day}`).waitFor();

    await page.getByTestId('grouping-propose').click();
    await page.getByRole('dialog').getByText('按在册学生').waitFor();
    await settle(page);
    await page.getByTestId('grouping-propose-run').click();
    await page.getByText('来自自动编班建议').waitFor(eventually);
    await expect.poll(() => page.getByTestId('grouping-group').count(), eventually).toBeGreaterThan(0);
    // Each group is where the plan holds that day's activities (B 三), and says which.
    expect(await page.getByTestId('grouping-group-activities').count()).toBe(
      await page.getByTestId('grouping-group').count(),
    );
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    await settle(page);
    await screenshot(page, 'grouping-proposal-1440');

    // Out of the first group and back, with the keyboard-usable select and button.
    const first = page.getByTestId('grouping-group').first();
    const firstName = await first.getByLabel('班组名称').inputValue();
    const unplaced = page.getByTestId('grouping-unplaced');
    await expect.poll(() => unplaced.locator('.ant-tag').first().textContent()).toBe('0');
    // The row's checkbox by keyboard: focus it, press Space.
    await first.locator('tr.ant-table-row').first().locator('input[type="checkbox"]').focus();
    await page.keyboard.press('Space');
    await chooseOption(page, first.getByLabel('移到…'), '移出（未编班）');
    await first.getByRole('button', { name: /移动 1 人/ }).click();
    await expect.poll(() => unplaced.locator('.ant-tag').first().textContent()).toBe('1');
    await page.getByText('未编入任何班组').first().waitFor();
    await unplaced.locator('tr.ant-table-row').first().locator('input[type="checkbox"]').focus();
    await page.keyboard.press('Space');
    await chooseOption(page, unplaced.getByLabel('移到…'), firstName);
    await unplaced.getByRole('button', { name: /移动 1 人/ }).click();
    await expect.poll(() => unplaced.locator('.ant-tag').first().textContent()).toBe('0');

    // The demo care teacher leads the first group of the day unless they lead one already.
    const teacherSelect = first.getByTestId('grouping-teacher');
    if ((await teacherSelect.textContent())?.includes('陈老师') !== true) {
      await listsClosed(page);
      await teacherSelect.click();
      const list = openLists(page);
      await list.waitFor();
      await settle(page);
      const busy = await list.getByText('陈老师（已在其他班组）').count();
      if (busy > 0) {
        await page.keyboard.press('Escape');
        await listsClosed(page);
      } else {
        await list
          .locator('.ant-select-item-option')
          .and(page.getByTitle('陈老师', { exact: true }))
          .click();
        await listsClosed(page);
      }
    }

    await page.getByTestId('grouping-save').click();
    await page.getByText('编班已保存').waitFor(eventually);
    await page.getByText('来自自动编班建议').waitFor({ state: 'detached' });
    const saved = await apiGet<GroupingView>(admin, `/api/schools/${schoolId}/terms/${termId}/grouping`);
    expect(saved.saved).toBe(true);
    expect(
      saved.problems.filter((p) => p.code === 'child_in_two_groups' || p.code === 'unknown_child'),
    ).toEqual([]);
    const dayGroups = saved.groups.filter((g) => g.weekday === day);
    const placed = dayGroups.reduce((n, g) => n + g.members.length, 0);
    expect(placed).toBe(saved.children.filter((c) => c.weekdays.includes(day)).length);
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    await screenshot(page, 'grouping-saved-1440');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.setViewportSize(PHONE);
    await settle(page);
    await screenshot(page, 'grouping-saved-375', { fullPage: false });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('the roster prints one group a page without the menus, and downloads as xlsx', async () => {
    const session = await open();
    const { page } = session;
    await signInAs(session, 'school.admin', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/school/roster?term=${termId}&day=${day}`);
    const roster = await apiGet<RosterView>(
      admin,
      `/api/schools/${schoolId}/terms/${termId}/roster?weekday=${day}`,
    );
    const sheets = roster.groups.length + (roster.ungrouped.length > 0 ? 1 : 0);
    await expect.poll(() => page.getByTestId('roster-sheet').count(), eventually).toBe(sheets);
    await settle(page);
    await screenshot(page, 'roster-screen-1440');

    const href = await page.getByTestId('roster-export').getAttribute('href');
    expect(href).toContain(`/roster/export?weekday=${day}`);
    const download = await page.request.get(`${session.baseUrl}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('spreadsheetml');
    expect((await download.body()).subarray(0, 2).toString()).toBe('PK');

    await page.emulateMedia({ media: 'print' });
    await settle(page);
    expect(await page.locator('.kh-console-sider').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: /打\s*印/ }).isVisible()).toBe(false);
    // The demo's clock strip is on the screen, never on paper (issue 14.8).
    expect(await page.getByTestId('demo-clock').count()).toBe(1);
    expect(await page.getByTestId('demo-clock').isVisible()).toBe(false);
    const firstSheet = page.getByTestId('roster-sheet').first();
    expect(await firstSheet.textContent()).toContain(roster.school.name);
    expect(await firstSheet.textContent()).toContain(roster.groups[0]?.teacherName ?? '');
    await screenshot(page, 'roster-print');
    await screenshot(page, 'roster-print-top', { fullPage: false });
    await page.pdf({ path: path.join(SCREENSHOTS, 'roster-print.pdf'), landscape: true, format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
  });

  it('the care teacher sees only the groups they lead, on a phone', async () => {
    const teacherApi = await apiLogIn('teacher', DEMO_PASSWORD, demo.baseUrl);
    const own = await apiGet<RosterView>(
      teacherApi,
      `/api/schools/${schoolId}/terms/${termId}/roster?weekday=${day}`,
    );
    expect(own.scope).toBe('own_groups');
    expect(own.groups.length).toBeGreaterThan(0);
    expect(own.groups.every((g) => g.teacherName === '陈老师')).toBe(true);
    const all = await apiGet<RosterView>(
      admin,
      `/api/schools/${schoolId}/terms/${termId}/roster?weekday=${day}`,
    );
    const others = all.groups.filter((g) => !own.groups.some((o) => o.id === g.id));
    expect(others.length).toBeGreaterThan(0);
    const forbidden = await fetch(
      `${demo.baseUrl}/api/schools/${schoolId}/terms/${termId}/roster?weekday=${day}&groupId=${others[0]?.id}`,
      { headers: { cookie: teacherApi.cookie } },
    );
    expect(forbidden.status).toBe(404);

    const session = await open(PHONE);
    const { page } = session;
    await signInAs(session, 'teacher', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/teacher`);
    await page.getByTestId('home-care_teacher').waitFor();
    await page.getByTestId('teacher-roster-link').click();
    await page.getByTestId('teacher-roster').waitFor();
    await page.goto(`${session.baseUrl}/teacher/roster?day=${day}`);
    await expect
      .poll(() => page.getByTestId('teacher-roster-group').count(), eventually)
      .toBe(own.groups.length);
    const text = (await page.getByTestId('teacher-roster').textContent()) ?? '';
    for (const g of own.groups) expect(text).toContain(g.name);
    const ownNames = new Set(own.groups.flatMap((g) => g.children.map((c) => c.name)));
    for (const name of ownNames) expect(text).toContain(name);
    const otherNames = others
      .flatMap((g) => g.children.map((c) => c.name))
      // A name inside one of the own children's names (王子 in 王子涵) would show anyway.
      .filter((n) => ![...ownNames].some((o) => o.includes(n)));
    expect(otherNames.length).toBeGreaterThan(0);
    for (const name of otherNames) expect(text).not.toContain(name);
    await settle(page);
    await screenshot(page, 'teacher-roster-375');
    await screenshot(page, 'teacher-roster-375-top', { fullPage: false });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('the duty chief sees every group of the day on a phone', async () => {
    const all = await apiGet<RosterView>(
      admin,
      `/api/schools/${schoolId}/terms/${termId}/roster?weekday=${day}`,
    );
    const session = await open(PHONE);
    const { page } = session;
    await signInAs(session, 'duty.chief', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/duty`);
    await page.getByTestId('teacher-roster-link').click();
    await page.getByTestId('teacher-roster').waitFor();
    await page.goto(`${session.baseUrl}/duty/roster?day=${day}`);
    await expect
      .poll(() => page.getByTestId('teacher-roster-group').count(), eventually)
      .toBe(all.groups.length);
    await page.getByRole('heading', { name: '学生名册' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('the gate guard sees every group of the day on a phone, with no phone number in full', async () => {
    const all = await apiGet<RosterView>(
      admin,
      `/api/schools/${schoolId}/terms/${termId}/roster?weekday=${day}`,
    );
    const fullPhones = all.groups.flatMap((g) =>
      g.children.flatMap((c) => c.guardians.flatMap((x) => (x.phone ? [x.phone] : []))),
    );
    expect(fullPhones.length).toBeGreaterThan(0);
    const session = await open(PHONE);
    const { page } = session;
    await signInAs(session, 'gate.guard', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/gate`);
    await page.getByTestId('teacher-roster-link').click();
    await page.getByTestId('teacher-roster').waitFor();
    await page.goto(`${session.baseUrl}/gate/roster?day=${day}`);
    await expect
      .poll(() => page.getByTestId('teacher-roster-group').count(), eventually)
      .toBe(all.groups.length);
    const text = (await page.getByTestId('teacher-roster').textContent()) ?? '';
    expect(text).toMatch(/1\d{2}\*{4}\d{4}/);
    for (const phone of fullPhones) expect(text).not.toContain(phone);
    await settle(page);
    await screenshot(page, 'gate-roster-375', { fullPage: false });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });
});

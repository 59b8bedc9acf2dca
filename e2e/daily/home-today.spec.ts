// Issue 14.9, 14.11, 14.12 in the browser, on the shared demo at its demo clock's service day, reading
// only (nothing here changes the day the other journeys rely on):
// - the school admin's home shows today's figures as the server counts them, each linking to its page
//   (desktop 1440×900 first, then a phone);
// - the teacher's roll call names the group and its venue at the top, and the teacher's profile shows
//   the staff record's phone (390×844);
// - the duty chief's handover form proposes the rota's people, not the one signed in.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import type { RollCallView } from '../../src/server/features/attendance/schemas.js';
import type { HandoverDay } from '../../src/server/features/handover/schemas.js';
import type { SchoolToday } from '../../src/server/features/home/schemas.js';
import { type ApiSession, apiGet, apiLogIn } from '../api.js';
import {
  atRest,
  DESKTOP,
  horizontalOverflow,
  screenshot,
  settle,
  shownText,
  signInAs,
  suiteBrowsers,
} from '../browser.js';

const PHONE_390 = { width: 390, height: 844 };
const eventually = { timeout: 20_000 };

async function schoolOf(api: ApiSession): Promise<string> {
  const schoolId = api.memberships.find((m) => m.schoolId)?.schoolId;
  if (!schoolId) throw new Error('no school');
  return schoolId;
}

/** The number a tile or a statistic shows. */
async function numberIn(page: Page, testId: string): Promise<number> {
  return Number((await shownText(page.getByTestId(testId))).replace(/\D/g, ''));
}

describe('the school admin’s day at a glance (issue 14.9)', () => {
  const open = suiteBrowsers(DESKTOP);

  it('shows today’s figures as the server counts them, each linking to its page', async () => {
    const api = await apiLogIn('school.admin', DEMO_PASSWORD);
    const schoolId = await schoolOf(api);
    const today = await apiGet<SchoolToday>(api, `/api/schools/${schoolId}/today`);
    // The demo clock stands on a service day with the roll calls of every group but one.
    expect(today.day.served).toBe(true);
    if (!today.day.served) return;
    const counts = today.day.attendance;
    // 实到 counts late children too: every child is in exactly one of 实到, 缺席, 请假, 未点.
    expect(counts.attended + counts.absent + counts.onLeave + counts.unmarked).toBe(counts.expected);
    expect(counts.attended).toBeGreaterThan(0);

    const session = await open();
    const { page } = session;
    await signInAs(session, 'school.admin', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/school`);
    await page.getByTestId('school-today').waitFor(eventually);
    for (const key of ['expected', 'attended', 'late', 'absent', 'onLeave', 'unmarked'] as const) {
      expect(await numberIn(page, `today-count-${key}`), key).toBe(counts[key]);
    }
    expect(await numberIn(page, 'today-open-absences-value')).toBe(today.day.openAbsences);
    expect(await numberIn(page, 'today-custody-value')).toBe(today.day.inCustody);
    expect(await numberIn(page, 'today-applications-value')).toBe(today.pendingApplications);
    // The demo has one expired letter (README); the tile names the people.
    expect(today.letters.expired.length).toBeGreaterThan(0);
    expect(await numberIn(page, 'today-letters-value')).toBe(
      today.letters.expiring.length + today.letters.expired.length,
    );
    expect(await shownText(page.getByTestId('today-letters'))).toContain(
      today.letters.expired[0]?.name ?? '',
    );
    expect(today.plan).not.toBeNull();
    await atRest(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'school-home-today-1440', { fullPage: false });

    // Each figure opens the page that acts on it.
    await page.getByTestId('today-attendance').click();
    await page.waitForURL(/\/school\/day$/);
    await page.goBack();
    await page.getByTestId('today-applications-link').click();
    await page.waitForURL(/\/school\/applications\?status=submitted&term=/);
    await page.goBack();
    await page.getByTestId('today-letters-link').click();
    await page.waitForURL(/\/school\/staff$/);
    await page.goBack();
    await page.getByTestId('today-plan-link').click();
    await page.waitForURL(new RegExp(`/school/plans/${today.plan?.planId}$`));
    await page.goBack();
    await page.getByTestId('today-open-absences-link').click();
    await page.waitForURL(/\/school\/day$/);
    await page.goBack();

    // Usable on a phone too.
    await page.setViewportSize(PHONE_390);
    await page.getByTestId('school-today').waitFor();
    await atRest(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'school-home-today-390');

    // In English the card's own words are English; only names people typed stay as written.
    await page.getByTestId('language-switch').first().click();
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), eventually).toBe('en');
    await expect
      .poll(() => shownText(page.getByTestId('today-count-attended')), eventually)
      .toContain('Present');
    const chinese = await page.getByTestId('school-today').evaluate((card) => {
      const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
      const found: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        if (
          /[\u3000-\u303F\u4E00-\u9FFF\uFF00-\uFFEF]/.test(text) &&
          !node.parentElement?.closest('[data-user-text]')
        )
          found.push(text);
      }
      return found;
    });
    expect(chinese).toEqual([]);
    await page.getByTestId('language-switch').first().click();
    await page.getByRole('button', { name: '中文', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), eventually).toBe('zh-CN');
  });
});

describe('the teacher’s roll call and profile (issue 14.11), the handover’s names (issue 14.12)', () => {
  const open = suiteBrowsers(PHONE_390);

  it('names the group and its venue at the top of the roll call; the profile shows the staff phone', async () => {
    const api = await apiLogIn('teacher', DEMO_PASSWORD);
    const schoolId = await schoolOf(api);
    const clock = (await (await fetch(`${api.baseUrl}/api/clock`)).json()) as { today: string };
    const view = await apiGet<RollCallView>(api, `/api/schools/${schoolId}/days/${clock.today}/roll-call`);
    const group = view.groups[0];
    if (!group) throw new Error('the demo teacher leads no group today');
    expect(group.venueName).toEqual(expect.any(String));

    const session = await open();
    const { page } = session;
    await signInAs(session, 'teacher', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/teacher`);
    // The profile: the account has no phone of its own; the school's staff record has one.
    const profile = page.locator('.ant-descriptions-item').filter({ hasText: '手机号' });
    await expect.poll(() => shownText(profile), eventually).toMatch(/1\d{2}\*{4}\d{4}/);

    await page.getByTestId('roll-call-link').click();
    const header = page.getByTestId('roll-call-group').first();
    await header.waitFor(eventually);
    const text = await shownText(header);
    expect(text).toContain(group.name);
    expect(text).toContain(`场地：${group.venueName}`);
    await expect.poll(() => page.getByTestId('child-card').count(), eventually).toBeGreaterThan(0);
    await atRest(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'roll-call-header-390', { fullPage: false });
  });

  it('proposes the rota’s people for the handover, not the duty chief on both sides', async () => {
    const api = await apiLogIn('duty.chief', DEMO_PASSWORD);
    const schoolId = await schoolOf(api);
    const clock = (await (await fetch(`${api.baseUrl}/api/clock`)).json()) as { today: string };
    const day = await apiGet<HandoverDay>(api, `/api/schools/${schoolId}/days/${clock.today}/handovers`);
    const group = day.groups[0];
    if (!group?.teacherName || !day.dutyChief)
      throw new Error('the demo day has no group teacher or duty chief');

    const session = await open();
    const { page } = session;
    await signInAs(session, 'duty.chief', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/duty/handover`);
    await page.getByTestId('handover-page').waitFor();
    // The first group is chosen: at the start its care teacher takes the children over.
    await expect.poll(() => page.getByTestId('handover-to').inputValue(), eventually).toBe(group.teacherName);
    expect(await page.getByTestId('handover-from').inputValue()).toBe('');
    // At the end the teacher hands them to the day's duty chief.
    await page.getByTestId('handover-stage').getByText('结束交接').click();
    await expect
      .poll(() => page.getByTestId('handover-from').inputValue(), eventually)
      .toBe(group.teacherName);
    expect(await page.getByTestId('handover-to').inputValue()).toBe(day.dutyChief.name);
    await settle(page);
    await screenshot(page, 'handover-defaults-390', { fullPage: false });
  });
});

// The README's walk-through on whichever day the demo runs (issue 12): the suite must not depend on
// the weekday it runs on. For a Monday, a Tuesday and a Friday of the demo term, a demo is made as
// `npm run demo` makes it on that day (its own database beside the journeys' one, its own server on
// its demo clock), and on a phone: the demo teacher takes the roll call of their group, the demo
// guardian opens the child's pickup code, the gate guard releases the child by it and the gate board
// shows 已离校, the guardian's page says so; then the guardian asks leave for the child's next
// service day — taken from the child's own weekdays and the school's calendar, never guessed — and
// cancels it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseFromPool } from '../../src/db/connect.js';
import { demoTermServiceDays } from '../../src/demo/daily.js';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import type { ServiceDay } from '../../src/domain/calendar.js';
import { type IsoDate, weekdayOf } from '../../src/domain/dates.js';
import { schoolDate, schoolInstant } from '../../src/server/clock.js';
import type { GuardianOverview } from '../../src/server/features/applications/schemas.js';
import type { RollCallView } from '../../src/server/features/attendance/schemas.js';
import type { PickupCodeView } from '../../src/server/features/departure/schemas.js';
import { apiGet, apiLogIn } from '../api.js';
import {
  atRest,
  horizontalOverflow,
  openPickupCode,
  PHONE,
  screenshot,
  shownText,
  signInAs,
  suiteBrowsers,
} from '../browser.js';
import type { DemoServer } from '../demo-server.js';
import { startOwnDemo } from '../own-demo.js';

const eventually = { timeout: 20_000 };
const WEEKDAYS = [
  { weekday: 1, name: 'Monday' },
  { weekday: 2, name: 'Tuesday' },
  { weekday: 5, name: 'Friday' },
] as const;

// The demo term's service days, read from the journeys' demo database.
async function termServiceDays(): Promise<ServiceDay[]> {
  const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
  try {
    return await demoTermServiceDays(databaseFromPool(pool, 'embedded', inject('databaseUrl')).db);
  } finally {
    await pool.end();
  }
}

// The demo day for a weekday: the latest such service day up to today that still has service days
// after it (for the leave), or else the term's first one (a run before the term or in its last week).
function demoDayFor(days: readonly ServiceDay[], weekday: number, today: IsoDate): IsoDate | null {
  const last = days.at(-1)?.date;
  const candidates = days.filter((d) => d.weekday === weekday && d.date !== last);
  return candidates.filter((d) => d.date <= today).at(-1)?.date ?? candidates[0]?.date ?? null;
}

describe('the README walk-through on a Monday, a Tuesday and a Friday', () => {
  const open = suiteBrowsers(PHONE);
  let days: ServiceDay[] = [];

  beforeAll(async () => {
    days = await termServiceDays();
    expect(days.length).toBeGreaterThan(10);
  });

  for (const { weekday, name } of WEEKDAYS) {
    describe(`on a ${name}`, () => {
      let server: DemoServer;
      let demoDay: IsoDate;

      beforeAll(async () => {
        const found = demoDayFor(days, weekday, schoolDate(new Date()));
        if (!found) throw new Error(`the demo term has no ${name}`);
        demoDay = found;
        expect(weekdayOf(demoDay)).toBe(weekday);
        server = await startOwnDemo(`day${weekday}`, schoolInstant(demoDay, '09:00'));
        const clock = (await (await fetch(`${server.baseUrl}/api/clock`)).json()) as { today: string };
        expect(clock.today).toBe(demoDay);
      }, 120_000);

      afterAll(async () => {
        await server?.close();
      });

      it('roll call, pickup code, release at the gate, the board and the guardian see 已离校', async () => {
        // The teacher's roll call of their own group: 全部到齐 with one tap.
        const teacher = await open(PHONE, server.baseUrl);
        await signInAs(teacher, 'teacher', DEMO_PASSWORD);
        await teacher.page.goto(`${server.baseUrl}/teacher`);
        await teacher.page.getByTestId('roll-call-link').click();
        await teacher.page.getByTestId('roll-call-page').waitFor(eventually);
        await expect
          .poll(() => teacher.page.getByTestId('child-card').count(), eventually)
          .toBeGreaterThan(0);
        await atRest(teacher.page);
        await teacher.page.getByTestId('all-present').click();
        // The page showed 已同步 before the tap too (nothing queued): wait for the marks on the cards,
        // then for the queue to empty, then ask the server (a check right after the tap raced it).
        await expect.poll(() => teacher.page.locator('[data-mark="none"]').count(), eventually).toBe(0);
        await expect.poll(() => teacher.page.getByTestId('unsynced-dot').count(), eventually).toBe(0);
        await expect
          .poll(() => shownText(teacher.page.getByTestId('sync-status')), eventually)
          .toContain('已同步');
        const teacherApi = await apiLogIn('teacher', DEMO_PASSWORD, server.baseUrl);
        const schoolId = teacherApi.memberships.find((m) => m.schoolId)?.schoolId;
        const rollCall = await apiGet<RollCallView>(
          teacherApi,
          `/api/schools/${schoolId}/days/${demoDay}/roll-call`,
        );
        const kids = rollCall.groups.flatMap((g) => g.children);
        expect(kids.length).toBeGreaterThan(0);
        expect(kids.filter((c) => c.mark === null)).toEqual([]);
        // The demo clock strip shows the day; only a school admin or a bureau user may move it.
        await teacher.page.getByTestId('demo-clock').waitFor();
        expect(await teacher.page.getByTestId('demo-clock-change').count()).toBe(0);
        await atRest(teacher.page);
        await screenshot(teacher.page, `any-day-${weekday}-1-roll-call`, { fullPage: false });

        // The guardian's child attends this day and is in care: the pickup code.
        const guardianApi = await apiLogIn('guardian', DEMO_PASSWORD, server.baseUrl);
        const { items: children } = await apiGet<{ items: { schoolId: string; studentId: string }[] }>(
          guardianApi,
          '/api/guardian/children',
        );
        const views = await Promise.all(
          children.map((c) =>
            apiGet<PickupCodeView>(
              guardianApi,
              `/api/schools/${c.schoolId}/students/${c.studentId}/pickup-code`,
            ),
          ),
        );
        const attending = views.filter((v) => v.attending);
        expect(attending).toHaveLength(1);
        const before = attending[0] as PickupCodeView;
        expect(before.status).toBe('present');

        const guardian = await open(PHONE, server.baseUrl);
        await signInAs(guardian, 'guardian', DEMO_PASSWORD);
        const { shown } = await openPickupCode(guardian);
        expect(shown).toBe(before.code);
        await atRest(guardian.page);
        expect(await horizontalOverflow(guardian.page)).toBeLessThanOrEqual(0);
        await screenshot(guardian.page, `any-day-${weekday}-2-pickup-code`);

        // The gate guard types the code the guardian reads out and releases the child.
        const gate = await open(PHONE, server.baseUrl);
        await signInAs(gate, 'gate.guard', DEMO_PASSWORD);
        await gate.page.goto(`${server.baseUrl}/gate`);
        await gate.page.getByTestId('release-link').click();
        await gate.page.getByTestId('gate-code').fill(shown);
        await gate.page.getByTestId('gate-find').click();
        const child = gate.page.getByTestId('gate-child');
        await child.waitFor(eventually);
        expect(await shownText(child)).toContain(before.child.name);
        const persons = gate.page.getByTestId('gate-persons').locator('input[type="radio"]');
        if (!(await persons.first().isChecked())) await persons.first().check();
        // 15:50 is before every batch: the guard confirms the early release (issue 14.4).
        await gate.page.getByTestId('gate-early').getByTestId('gate-early-confirm').check();
        await gate.page.getByTestId('release-confirm').click();
        await gate.page.getByTestId('release-done').waitFor(eventually);
        await atRest(gate.page);
        await screenshot(gate.page, `any-day-${weekday}-3-released`);

        // The gate board lists the child among those who have left.
        await gate.page.goto(`${server.baseUrl}/gate/board`);
        await gate.page.getByPlaceholder('按姓名查找').fill(before.child.name);
        const row = gate.page.locator(
          `[data-testid="board-child"][data-student="${before.child.studentId}"]`,
        );
        await expect.poll(() => row.getAttribute('data-section'), eventually).toBe('released');

        // The guardian's page says so.
        await guardian.page.reload();
        await expect
          .poll(() => shownText(guardian.page.getByTestId('pickup-status').first()), eventually)
          .toBe('已离校');
      });

      it('the guardian asks leave for the child’s next service day and cancels it', async () => {
        const guardianApi = await apiLogIn('guardian', DEMO_PASSWORD, server.baseUrl);
        const overview = await apiGet<GuardianOverview>(guardianApi, '/api/guardian/applications');
        const enrolled = overview.items.filter((c) => c.application?.status === 'approved');
        expect(enrolled).toHaveLength(1);
        const kid = enrolled[0] as GuardianOverview['items'][number];
        const weekdays = kid.application?.weekdays ?? [];
        // The child's next service day after the demo day: a school day of the term on one of the
        // child's weekdays.
        const leaveDay = days.find(
          (d) => d.date > demoDay && weekdays.includes(d.timetableWeekday ?? d.weekday),
        )?.date;
        if (!leaveDay) throw new Error(`no service day of ${kid.name} after ${demoDay}`);

        const session = await open(PHONE, server.baseUrl);
        const { page } = session;
        await signInAs(session, 'guardian', DEMO_PASSWORD);
        await page.goto(`${server.baseUrl}/guardian`);
        await page.getByTestId('leave-link').click();
        await page.getByTestId('leave-page').waitFor();
        const picker = page.getByTestId('leave-child');
        if ((await picker.count()) > 0) await picker.getByText(kid.name, { exact: true }).click();
        const from = page.getByLabel('开始日期');
        await from.click();
        await from.fill(leaveDay);
        await from.press('Enter');
        await page.getByTestId('leave-reason').fill('带孩子看牙医');
        await page.getByTestId('leave-submit').click();
        await page.getByTestId('leave-submitted').waitFor(eventually);
        await expect.poll(() => shownText(page.getByTestId('leave-item').first())).toContain('带孩子看牙医');
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await atRest(page);
        await screenshot(page, `any-day-${weekday}-4-leave-requested`);

        await page.getByTestId('leave-cancel').first().click();
        await page
          .locator('.ant-popconfirm')
          .getByRole('button', { name: /取消请假/ })
          .click();
        await expect
          .poll(() => shownText(page.getByTestId('leave-item').first()), eventually)
          .toContain('已取消');
        await atRest(page);
        await screenshot(page, `any-day-${weekday}-5-leave-cancelled`);
      });
    });
  }
});

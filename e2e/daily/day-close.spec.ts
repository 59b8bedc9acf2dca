// The duty chief's day (F-16), a handover (F-15) and the gate's visitor log (F-17) on a phone
// (375×812), at the demo school on the demo clock's service day, mid-afternoon: the duty chief opens
// the day, sees the children in school (not "unaccounted") and cannot close it yet; the demo teacher
// records the start handover of their group with one child fewer and the discrepancy written; the gate
// guard signs a visitor in and out; the office sees the same day as a table. Nothing here closes the
// shared demo day (the e2e server is shared with the other journeys).
//
// Then the duty chief's whole afternoon (issue 14.2, 14.3) on a demo of its own (390×844), whose clock
// this journey moves: at 16:15 the children in care are 在校待离校, not red; at the end time every child
// still in school goes to extended custody in one action (C 延时托管) with the duty chief in charge; the
// duty chief closes the day at once (nobody is unknown) with the custody recorded, and after the close
// the gate releases the demo guardian's child from custody with the code.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import type { RollCallView } from '../../src/server/features/attendance/schemas.js';
import type { DayView } from '../../src/server/features/day-close/schemas.js';
import type { PickupCodeView } from '../../src/server/features/departure/schemas.js';
import { type ApiSession, apiGet, apiLogIn, apiPost } from '../api.js';
import {
  DESKTOP,
  horizontalOverflow,
  PHONE,
  screenshot,
  settle,
  shownText,
  signInAs,
  suiteBrowsers,
} from '../browser.js';
import type { DemoServer } from '../demo-server.js';
import { startOwnDemo } from '../own-demo.js';

const eventually = { timeout: 20_000 };
const visitor = `维修师傅${String(Date.now()).slice(-4)}`;
const note = '一名学生被家长提前接走，班主任已告知';

async function atRest(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
}

describe('day close, handover and visitor log on a phone', () => {
  const open = suiteBrowsers(PHONE);

  it('the duty chief sees the children in school, not as unaccounted, and cannot close the day yet', async () => {
    const session = await open();
    const { page } = session;
    await signInAs(session, 'duty.chief', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/duty`);
    await page.getByTestId('tile-day').click();
    await page.waitForURL(/\/duty\/day$/);
    await page.getByTestId('day-counts').waitFor(eventually);
    // Mid-afternoon: the children in care are listed as in school, to be released — not in red.
    const inSchool = page.getByTestId('in-school');
    await inSchool.waitFor(eventually);
    expect(await shownText(inSchool.locator('header').first())).toMatch(/^在校待离校 \d+ 人/);
    expect(await inSchool.getByTestId('listed-child').count()).toBeGreaterThan(0);
    // A red list, if any, names only children nobody knows about (an absence nobody followed up).
    for (const reason of await page.getByTestId('unaccounted-reason').allTextContents()) {
      expect(reason).toMatch(/^(点名时间已过，仍未点名|缺席未跟进（未联系家长）)\d+ 人/);
    }
    const enrolled = Number(await page.getByTestId('count-enrolled').locator('div').first().textContent());
    expect(enrolled).toBeGreaterThan(0);
    // The close waits while any child's day is not over, and says why.
    expect(await page.getByTestId('close-day').isDisabled()).toBe(true);
    expect(await page.getByTestId('close-blocked').textContent()).toMatch(
      /还有 \d+ 名学生(去向未明|在校待离校|待点名)/,
    );
    // The in-school list comes before the groups.
    const listTop = await inSchool.boundingBox();
    const groupTop = await page.getByTestId('day-group').first().boundingBox();
    expect(listTop && groupTop && listTop.y < groupTop.y).toBe(true);
    await atRest(page);
    await screenshot(page, 'day-close-duty-day-375');
    await screenshot(page, 'day-close-duty-day-top-375', { fullPage: false });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // A group opened: its children with their status.
    await page.getByTestId('day-group').first().click();
    await page.getByTestId('day-child').first().waitFor(eventually);
    await settle(page);
    await screenshot(page, 'day-close-duty-group-375');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('a past service day of the demo, closed by the duty chief, shows 已结束 with who and when', async () => {
    const chief = await apiLogIn('duty.chief', DEMO_PASSWORD);
    const schoolId = chief.memberships.find((m) => m.role === 'duty_chief')?.schoolId ?? '';
    const base = inject('baseUrl');
    const get = (path: string) => fetch(`${base}${path}`, { headers: { cookie: chief.cookie } });
    const { today } = (await (await get('/api/clock')).json()) as { today: string };
    // The demo's days before the clock's are complete and closed: find the latest.
    let closed: string | null = null;
    for (let back = 1; back <= 10 && !closed; back++) {
      const date = new Date(Date.parse(`${today}T12:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
      const res = await get(`/api/schools/${schoolId}/days/${date}`);
      if (res.ok && ((await res.json()) as { closure: unknown }).closure) closed = date;
    }
    expect(closed).not.toBeNull();
    const session = await open();
    const { page } = session;
    await signInAs(session, 'duty.chief', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/duty/day?date=${closed}`);
    const badge = page.getByTestId('day-closed');
    await badge.waitFor(eventually);
    expect(await badge.textContent()).toMatch(/已结束.*于 .*\d{2}:\d{2} 结束当天/);
    expect(await page.getByTestId('close-day').count()).toBe(0);
    await atRest(page);
    await screenshot(page, 'day-close-closed-day-375', { fullPage: false });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('the teacher records the start handover with one child fewer and the discrepancy written', async () => {
    const session = await open();
    const { page } = session;
    await signInAs(session, 'teacher', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/teacher`);
    await page.getByTestId('tile-handover').click();
    await page.waitForURL(/\/teacher\/handover$/);
    const expectedText = page.getByTestId('handover-expected');
    await expectedText.waitFor(eventually);
    await expect.poll(async () => (await expectedText.textContent())?.trim(), eventually).toMatch(/^\d+$/);
    const expected = Number(await expectedText.textContent());
    await atRest(page);
    await screenshot(page, 'day-close-handover-form-375');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // One child fewer than expected (or one more when nobody is expected).
    const counted = page.getByTestId('handover-counted');
    if (expected > 0) await page.getByTestId('handover-minus').click();
    else await page.getByTestId('handover-plus').click();
    expect(Number(await counted.inputValue())).toBe(expected > 0 ? expected - 1 : 1);
    await page.getByTestId('handover-from').fill('一(1)班 班主任');
    // Without the discrepancy the form does not send.
    await page.getByTestId('handover-save').click();
    const discrepancy = page.getByTestId('handover-discrepancies');
    await expect.poll(() => discrepancy.getAttribute('class'), eventually).toContain('status-error');
    expect(await page.getByTestId('handover-item').count()).toBe(0);
    await discrepancy.fill(note);
    await settle(page);
    await screenshot(page, 'day-close-handover-discrepancy-375');
    await page.getByTestId('handover-save').click();
    await page.getByText('交接已记录').waitFor(eventually);
    const item = page.getByTestId('handover-item').filter({ hasText: note });
    await item.waitFor(eventually);
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('人数不符');
    expect(text).toContain(`应交接 ${expected} 人`);
    await atRest(page);
    await screenshot(page, 'day-close-handover-recorded-375');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('the gate guard signs a visitor in with a preset purpose, and out once', async () => {
    const session = await open();
    const { page } = session;
    await signInAs(session, 'gate.guard', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/gate`);
    await page.getByTestId('tile-visitors').click();
    await page.waitForURL(/\/gate\/visitors$/);
    await page.getByTestId('visit-name').waitFor(eventually);
    await atRest(page);
    await screenshot(page, 'day-close-visitors-empty-375');

    // A wrong phone is refused under its field; nothing is registered.
    await page.getByTestId('visit-name').fill(visitor);
    await page.getByTestId('visit-purpose-repair').click();
    expect(await page.getByTestId('visit-purpose').inputValue()).toBe('维修');
    await page.getByTestId('visit-host').fill('总务处 王老师');
    await page.getByTestId('visit-phone').fill('12345');
    await page.getByTestId('visit-register').click();
    await page.getByText('请输入 11 位手机号').waitFor(eventually);
    await page.getByTestId('visit-phone').fill('139 0013 8000');
    await page.getByTestId('visit-organisation').fill('东湖物业');
    await page.getByTestId('visit-register').click();
    await page.getByText(`已登记 ${visitor} 进校`).waitFor(eventually);
    const inside = page
      .getByTestId('visitors-inside')
      .getByTestId('visit-inside')
      .filter({ hasText: visitor });
    await inside.waitFor(eventually);
    expect(await inside.textContent()).toContain('13900138000');
    await atRest(page);
    await screenshot(page, 'day-close-visitor-inside-375');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await inside.getByTestId('visit-leave').click();
    await page.getByText(`已登记 ${visitor} 离开`).waitFor(eventually);
    const left = page.getByTestId('visitors-log').getByTestId('visit-left').filter({ hasText: visitor });
    await left.waitFor(eventually);
    expect(await inside.count()).toBe(0);
    await atRest(page);
    await screenshot(page, 'day-close-visitor-left-375');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('the duty chief sees the handover on the day page; the office sees the day as a table', async () => {
    const session = await open();
    const { page } = session;
    await signInAs(session, 'duty.chief', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/duty/day`);
    const item = page.getByTestId('handover-item').filter({ hasText: note });
    await item.waitFor(eventually);
    expect(await item.textContent()).toContain('人数不符');

    const office = await open(DESKTOP);
    await signInAs(office, 'school.admin', DEMO_PASSWORD);
    await office.page.goto(`${office.baseUrl}/school`);
    await office.page.getByRole('link', { name: '当天全貌' }).click();
    await office.page.waitForURL(/\/school\/day$/);
    await expect.poll(() => office.page.getByRole('row').count(), eventually).toBeGreaterThan(5);
    expect(await office.page.getByTestId('close-day').isDisabled()).toBe(true);
    await atRest(office.page);
    await screenshot(office.page, 'day-close-school-day-1440', { fullPage: false });
    expect(await horizontalOverflow(office.page)).toBeLessThanOrEqual(0);
    await office.page.setViewportSize(PHONE);
    await atRest(office.page);
    await screenshot(office.page, 'day-close-school-day-375', { fullPage: false });
    expect(await horizontalOverflow(office.page)).toBeLessThanOrEqual(0);
  });
});

// The phone the walk-through used.
const DUTY_PHONE = { width: 390, height: 844 };

describe('the duty chief’s afternoon, on a demo of its own: 16:15, the end time, the close', () => {
  const open = suiteBrowsers(DUTY_PHONE);
  let server: DemoServer;
  let chief: ApiSession;
  let admin: ApiSession;
  let schoolId = '';
  let today = '';

  const dayPath = () => `/api/schools/${schoolId}/days/${today}`;
  const dayView = () => apiGet<DayView>(chief, dayPath());
  // Only a school admin or a bureau user moves the demo clock (issue 13.10).
  async function setClock(time: string): Promise<void> {
    const res = await fetch(`${server.baseUrl}/api/demo/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      body: JSON.stringify({ date: today, time }),
    });
    expect(res.status, await res.text()).toBe(200);
  }
  async function serverNow(): Promise<string> {
    return ((await (await fetch(`${server.baseUrl}/api/clock`)).json()) as { now: string }).now;
  }
  async function confirmModal(page: Page): Promise<void> {
    const ok = page.locator('.ant-modal-confirm-btns .ant-btn-primary');
    await ok.waitFor(eventually);
    await ok.click();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached', timeout: 20_000 });
  }

  beforeAll(async () => {
    server = await startOwnDemo('dayclose', new Date());
    chief = await apiLogIn('duty.chief', DEMO_PASSWORD, server.baseUrl);
    admin = await apiLogIn('school.admin', DEMO_PASSWORD, server.baseUrl);
    schoolId = chief.memberships.find((m) => m.role === 'duty_chief')?.schoolId ?? '';
    today = ((await (await fetch(`${server.baseUrl}/api/clock`)).json()) as { today: string }).today;
    // What the afternoon has done by 16:15: the demo teacher's roll call (everyone there) and the
    // guardians of the absent children reached (A 三.5).
    const rollCall = await apiGet<RollCallView>(chief, `${dayPath()}/roll-call`);
    const at = await serverNow();
    const unmarked = [...rollCall.groups.flatMap((g) => g.children), ...rollCall.ungrouped].filter(
      (c) => c.mark === null && !c.leave,
    );
    if (unmarked.length > 0) {
      await apiPost(chief, `${dayPath()}/marks`, {
        marks: unmarked.map((c) => ({
          id: randomUUID(),
          studentId: c.studentId,
          mark: 'present',
          basedOn: null,
          at,
          deviceId: 'e2e-day-close',
        })),
      });
    }
    for (const c of (await dayView()).children) {
      if (c.status === 'absent' && c.followUp?.state === 'open') {
        await apiPost(chief, `${dayPath()}/students/${c.studentId}/follow-up`, {
          contactPerson: '母亲',
          result: '已电话联系家长',
          reason: '孩子感冒在家休息',
          at: await serverNow(),
        });
      }
    }
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  it('at 16:15 the children in care are in school, to be released — no red list', async () => {
    await setClock('16:15');
    const view = await dayView();
    expect(view.counts).toMatchObject({ unmarked: 0, unaccounted: 0 });
    expect(view.counts.inSchool).toBeGreaterThan(50);

    const session = await open(DUTY_PHONE, server.baseUrl);
    const { page } = session;
    await signInAs(session, 'duty.chief', DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/duty/day`);
    const inSchool = page.getByTestId('in-school');
    await inSchool.waitFor(eventually);
    expect(await shownText(inSchool.locator('header').first())).toBe(`在校待离校 ${view.counts.inSchool} 人`);
    expect(await page.getByTestId('unaccounted').count()).toBe(0);
    expect(await shownText(page.getByTestId('count-unmarked'))).toBe('0未确认');
    // Not offered before the end time; the close waits for the children to leave, and says so.
    expect(await page.getByTestId('end-custody').count()).toBe(0);
    expect(await shownText(inSchool)).toContain(
      `服务 ${view.endTime} 结束后，可将仍在校的学生一次转入延时托管`,
    );
    expect(await shownText(page.getByTestId('close-blocked'))).toBe(
      `还有 ${view.counts.inSchool} 名学生在校待离校，全部离校后才能结束当天`,
    );
    expect(await page.getByTestId('close-day').isDisabled()).toBe(true);
    await atRest(page);
    await screenshot(page, 'day-close-1615-390', { fullPage: false });
    await screenshot(page, 'day-close-1615-390-full');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('at the end time one action moves every child still in school to extended custody; the day closes at once; the gate releases after', async () => {
    const before = await dayView();
    await setClock(before.endTime);
    const session = await open(DUTY_PHONE, server.baseUrl);
    const { page } = session;
    await signInAs(session, 'duty.chief', DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/duty/day`);
    const action = page.getByTestId('end-custody');
    await action.waitFor(eventually);
    const due = (await dayView()).endCustody.due;
    expect(due).toBeGreaterThan(50);
    expect(await shownText(action)).toContain(`服务已结束：还有 ${due} 名学生在校`);
    // On the phone the one action comes first, above any list.
    const redList = page.getByTestId('unaccounted');
    const red = (await redList.count()) > 0 ? await redList.boundingBox() : null;
    const actionBox = await action.boundingBox();
    expect(actionBox && (!red || actionBox.y < red.y)).toBe(true);
    // The day's duty chief on the rota is proposed.
    expect(before.dutyChief).not.toBeNull();
    expect(await shownText(action)).toContain(`看护人员${before.dutyChief?.name}`);
    await atRest(page);
    await screenshot(page, 'day-close-end-time-390', { fullPage: false });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByTestId('end-custody-button').click();
    await confirmModal(page);
    await page
      .getByText(`已将 ${due} 名学生转入延时托管，由 ${before.dutyChief?.name} 看护`)
      .waitFor(eventually);
    const custody = page.getByTestId('in-custody');
    await custody.waitFor(eventually);
    expect(await shownText(custody.locator('header').first())).toBe(`延时托管中 ${due} 人`);
    expect(await shownText(custody.getByTestId('custody-staff').first())).toContain(
      `由 ${before.dutyChief?.name} 看护`,
    );
    await expect.poll(() => page.getByTestId('end-custody').count(), eventually).toBe(0);
    expect(await page.getByTestId('unaccounted').count()).toBe(0);
    // Nobody is unknown: the day closes at once, the children in custody with whom, released after.
    expect(await page.getByTestId('close-blocked').count()).toBe(0);
    expect(await page.getByTestId('close-day').isDisabled()).toBe(false);
    expect(await shownText(page.getByTestId('close-with-custody'))).toBe(
      `${due} 名学生延时托管中，由 ${before.dutyChief?.name} 看护，关闭后仍可在门口放行`,
    );
    await atRest(page);
    await screenshot(page, 'day-close-custody-390', { fullPage: false });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByTestId('close-day').click();
    expect(await shownText(page.locator('.ant-modal-confirm'))).toContain(
      `延时托管中的 ${due} 名学生仍可在门口放行`,
    );
    await confirmModal(page);
    const closed = page.getByTestId('day-closed');
    await closed.waitFor(eventually);
    expect(await shownText(closed)).toMatch(/已结束.*于 .*\d{2}:\d{2} 结束当天/);
    expect(await shownText(page.getByTestId('closed-custody'))).toBe(
      `结束时 ${due} 名学生在延时托管中，由 ${before.dutyChief?.name} 看护`,
    );
    const closedView = await dayView();
    expect(closedView.closure?.summary).toMatchObject({
      custody: due,
      inCustody: due,
      unaccounted: 0,
      custodyByStaff: [{ staffName: before.dutyChief?.name, count: due }],
    });
    // After the close the children still in custody stay listed, to be released at the gate.
    const stillInCustody = page.getByTestId('in-custody');
    await stillInCustody.waitFor(eventually);
    expect(await shownText(stillInCustody.locator('header').first())).toBe(`延时托管中 ${due} 人`);
    expect(await shownText(stillInCustody)).toContain('当天已结束，延时托管继续');
    await atRest(page);
    await screenshot(page, 'day-close-closed-custody-390', { fullPage: false });
    await screenshot(page, 'day-close-closed-custody-390-full');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // After the close the demo guardian comes: the pickup tile still shows the code, and the gate types
    // it and releases the child from custody.
    const guardianApi = await apiLogIn('guardian', DEMO_PASSWORD, server.baseUrl);
    const { items: kids } = await apiGet<{ items: { schoolId: string; studentId: string }[] }>(
      guardianApi,
      '/api/guardian/children',
    );
    const codes = await Promise.all(
      kids.map((c) =>
        apiGet<PickupCodeView>(guardianApi, `/api/schools/${c.schoolId}/students/${c.studentId}/pickup-code`),
      ),
    );
    const mine = codes.find((v) => v.attending);
    expect(mine?.status).toBe('in_custody');
    expect(mine?.code).toMatch(/^\d{6}$/);
    const gate = await open(DUTY_PHONE, server.baseUrl);
    await signInAs(gate, 'gate.guard', DEMO_PASSWORD);
    await gate.page.goto(`${server.baseUrl}/gate`);
    await gate.page.getByTestId('release-link').click();
    await gate.page.getByTestId('gate-code').fill(mine?.code ?? '');
    await gate.page.getByTestId('gate-find').click();
    await gate.page.getByTestId('gate-child').waitFor(eventually);
    const persons = gate.page.getByTestId('gate-persons').locator('input[type="radio"]');
    if (!(await persons.first().isChecked())) await persons.first().check();
    await gate.page.getByTestId('release-confirm').click();
    await gate.page.getByTestId('release-done').waitFor(eventually);
    await settle(gate.page);
    await screenshot(gate.page, 'day-close-gate-release-after-close-390', { fullPage: false });

    // The duty chief's page: one fewer in custody; the close record as it was.
    await page.reload();
    const fewer = page.getByTestId('in-custody');
    await fewer.waitFor(eventually);
    await expect
      .poll(async () => shownText(fewer.locator('header').first()), eventually)
      .toBe(`延时托管中 ${due - 1} 人`);
    const after = await dayView();
    expect(after.counts).toMatchObject({ inCustody: due - 1, unaccounted: 0 });
    expect(after.closure?.summary).toMatchObject({ inCustody: due });
    const released = after.children.find((c) => c.studentId === mine?.child.studentId);
    expect(released?.status).toBe('released');
  });
});

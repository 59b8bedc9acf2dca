// The duty chief's day (F-16), a handover (F-15) and the gate's visitor log (F-17) on a phone
// (375×812), at the demo school on the demo clock's service day, mid-afternoon: the duty chief opens
// the day, sees the children not accounted for yet and cannot close it; the demo teacher records the
// start handover of their group with one child fewer and the discrepancy written; the gate guard signs
// a visitor in and out; the office sees the same day as a table. Nothing here closes the demo day (the
// e2e server is shared with the other journeys).
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { apiLogIn } from '../api.js';
import {
  DESKTOP,
  horizontalOverflow,
  PHONE,
  screenshot,
  settle,
  signInAs,
  suiteBrowsers,
} from '../browser.js';

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

  it('the duty chief sees the unaccounted children first and cannot close the day', async () => {
    const session = await open();
    const { page } = session;
    await signInAs(session, 'duty.chief', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/duty`);
    await page.getByTestId('tile-day').click();
    await page.waitForURL(/\/duty\/day$/);
    await page.getByTestId('day-counts').waitFor(eventually);
    // Mid-afternoon: the demo teacher's group has no roll call yet and the other children are in care.
    const unaccounted = page.getByTestId('unaccounted-child');
    await expect.poll(() => unaccounted.count(), eventually).toBeGreaterThan(0);
    const reason = (await page.getByTestId('unaccounted-reason').first().textContent()) ?? '';
    expect(reason).toMatch(/^(未点名|仍在校，未办理离校|延时托管中，未离校|缺席未跟进（未联系家长）)\d+ 人/);
    const enrolled = Number(await page.getByTestId('count-enrolled').locator('div').first().textContent());
    expect(enrolled).toBeGreaterThan(0);
    // The close is refused with the reason while any child is unaccounted for.
    expect(await page.getByTestId('close-day').isDisabled()).toBe(true);
    expect(await page.getByTestId('close-blocked').textContent()).toMatch(/还有 \d+ 名学生去向未明/);
    // The unaccounted list comes before the groups.
    const listTop = await page.getByTestId('unaccounted').boundingBox();
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

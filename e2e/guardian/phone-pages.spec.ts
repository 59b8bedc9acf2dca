// The guardian's phone pages of issue 14.10, on a phone (390×844), on a demo of its own made for a
// December day (non-summer time, B 二): the home shows each child's state; the leave form offers only
// the child enrolled in the service and says why the others are missing, and its date picker opens
// inside the screen; the application form offers the batches of the season in force and explains the
// summer-only 18:00 batch with the date it starts; the region's rule for leaving alone is shown before
// the switch, which stays off for a grade-1 child when the rule says grade 3.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { currentTerm, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { schoolInstant } from '../../src/server/clock.js';
import {
  horizontalOverflow,
  openBrowser,
  recordFailure,
  type Session,
  screenshot,
  settle,
  signInAs,
} from '../browser.js';
import type { DemoServer } from '../demo-server.js';
import { startOwnDemo } from '../own-demo.js';

const PHONE = { width: 390, height: 844 };
const SCHOOL = '9901020001';
// A Tuesday in December: non-summer time under the default summer-time dates (05-01 to 09-30).
const DEMO_DAY = '2026-12-08';
const t0 = currentTerm(new Date(`${DEMO_DAY}T12:00:00Z`));
const TERM = `${t0.schoolYearStart}-${t0.schoolYearStart + 1}-${t0.first ? 1 : 2}`;
const eventually = { timeout: 20_000 };

interface Overview {
  items: {
    name: string;
    grade: number;
    application: { status: string; enrollment: unknown } | null;
  }[];
}

describe('guardian phone pages (issue 14.10)', () => {
  let server: DemoServer;
  const sessions: Session[] = [];
  const open = async () => {
    const session = await openBrowser(PHONE, server.baseUrl);
    sessions.push(session);
    await signInAs(session, 'guardian', DEMO_PASSWORD);
    return session;
  };

  beforeAll(async () => {
    server = await startOwnDemo('guardian_phone', schoolInstant(DEMO_DAY, '09:00'));
  }, 180_000);
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure(task.name, sessions);
    await Promise.all(sessions.splice(0).map((session) => session.close()));
  });
  afterAll(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
    await server?.close();
  });

  it('shows each child’s state on the home, and on the leave form only the enrolled child', async () => {
    const { page, baseUrl } = await open();
    await page.goto(`${baseUrl}/guardian`);
    const cards = page.getByTestId('child-card');
    await expect.poll(() => cards.count(), eventually).toBe(3);
    await expect.poll(() => page.getByTestId('application-status').count(), eventually).toBe(3);
    // The enrolled child's pickup persons come after the state (their editor loads on its own).
    await page.getByTestId('pickup-persons').waitFor(eventually);
    await settle(page);
    await screenshot(page, `guardian-home-${PHONE.width}`);

    const overview = (await page.evaluate(async () =>
      (await fetch('/api/guardian/applications')).json(),
    )) as Overview;
    const enrolled = overview.items.filter(
      (c) => c.application?.status === 'approved' && c.application.enrollment,
    );
    const others = overview.items.filter((c) => !enrolled.includes(c));
    expect(enrolled.map((c) => c.grade)).toEqual([2]);
    expect(others).toHaveLength(2);

    await page.goto(`${baseUrl}/guardian/leave`);
    await page.getByTestId('leave-page').waitFor(eventually);
    const note = page.getByTestId('leave-not-enrolled');
    await note.waitFor(eventually);
    for (const child of others) expect(await note.textContent()).toContain(child.name);
    expect(await note.textContent()).toContain('不在课后服务名单中');
    // One child offered: no choice between children is shown.
    expect(await page.getByTestId('leave-child').count()).toBe(0);

    // The date picker opens inside the phone's screen.
    await page.getByLabel('开始日期').click();
    const popup = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    await popup.waitFor(eventually);
    await settle(page);
    const box = await popup.locator('.ant-picker-panel-container').boundingBox();
    expect(box).not.toBeNull();
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, `guardian-leave-picker-${PHONE.width}`, { fullPage: false });
  });

  it('offers December’s batches, explains the summer one, and shows the rule for leaving alone', async () => {
    const { page, baseUrl } = await open();
    await page.goto(`${baseUrl}/guardian/apply?school=${SCHOOL}&term=${TERM}`);
    await page.getByTestId('apply-page').waitFor(eventually);
    // The grade-1 child, who has no application yet.
    const form = (await page.evaluate(
      async ([school, term]) =>
        (await fetch(`/api/guardian/application-form?schoolCode=${school}&termCode=${term}`)).json(),
      [SCHOOL, TERM],
    )) as { children: { name: string; grade: number; mayLeaveAlone: boolean }[] };
    const first = form.children.find((c) => c.grade === 1);
    expect(first?.mayLeaveAlone).toBe(false);
    const choices = page.getByTestId('choose-child');
    await expect.poll(() => choices.count(), eventually).toBe(3);
    await choices.filter({ hasText: first?.name as string }).click();
    await page.getByTestId('apply-form').waitFor(eventually);

    const offered = page.getByTestId('batch-option');
    await expect.poll(() => offered.count(), eventually).toBe(2);
    const labels = await offered.allTextContents();
    expect(labels.join(' ')).toContain('17:00');
    expect(labels.join(' ')).toContain('17:30');
    expect(labels.join(' ')).not.toContain('18:00');
    const later = page.getByTestId('batch-other-season');
    expect(await later.count()).toBe(1);
    expect(await later.textContent()).toMatch(/18:00.*夏令时作息.*自2027年5月1日起/);

    // The rule before the switch; grade 1 is below grade 3, so the switch stays off.
    expect(await page.getByTestId('leave-alone-rule').textContent()).toContain('三年级及以上');
    expect(await page.getByTestId('leave-alone-below').textContent()).toContain('一年级');
    const alone = page.getByTestId('leave-alone-switch');
    expect(await alone.isDisabled()).toBe(true);
    expect(await alone.getAttribute('aria-checked')).toBe('false');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await settle(page);
    await screenshot(page, `guardian-apply-form-${PHONE.width}`);
  });
});

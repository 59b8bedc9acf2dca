// Roll call on a phone (F-11) through a dead network (B-4), at the demo school on the demo clock's
// service day: the demo teacher opens today's group, the network goes away, two children are tapped
// absent and "全部到齐" marks the rest; the page says what is not synced, keeps it across a reload
// without network (the page itself from the service worker, the marks from the phone), and syncs once
// the network is back — the server then has every mark exactly once. The absent child's
// card offers the follow-up with the guardian's phone. (A guardian's leave: any-day.spec.ts, on
// several weekdays.)
import { describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import type { RollCallView } from '../../src/server/features/attendance/schemas.js';
import { apiLogIn } from '../api.js';
import {
  atRest,
  horizontalOverflow,
  PHONE,
  screenshot,
  settle,
  signInAs,
  suiteBrowsers,
} from '../browser.js';

const eventually = { timeout: 20_000 };

async function serverClock(): Promise<{ today: string; demo: boolean }> {
  const res = await fetch(`${inject('baseUrl')}/api/clock`);
  return (await res.json()) as { today: string; demo: boolean };
}

async function rollCallOf(username: string, today: string): Promise<RollCallView> {
  const api = await apiLogIn(username, DEMO_PASSWORD);
  const schoolId = api.memberships.find((m) => m.schoolId)?.schoolId;
  const res = await fetch(`${inject('baseUrl')}/api/schools/${schoolId}/days/${today}/roll-call`, {
    headers: { cookie: api.cookie },
  });
  if (!res.ok) throw new Error(`roll call: ${res.status} ${await res.text()}`);
  return (await res.json()) as RollCallView;
}

describe('roll call on a phone, offline then online', () => {
  const open = suiteBrowsers(PHONE);

  it('marks a group offline, keeps the marks across a reload and syncs them once', async () => {
    const { today } = await serverClock();
    const before = await rollCallOf('teacher', today);
    const kids = before.groups.flatMap((g) => g.children);
    expect(kids.length).toBeGreaterThan(2);
    const toMark = kids.filter((c) => c.mark === null);

    const session = await open();
    const { page, context } = session;
    await signInAs(session, 'teacher', DEMO_PASSWORD);
    await page.goto(`${session.baseUrl}/teacher`);
    await page.getByTestId('roll-call-link').click();
    await page.getByTestId('roll-call-page').waitFor();
    await expect.poll(() => page.getByTestId('child-card').count(), eventually).toBe(kids.length);
    await atRest(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'daily-roll-call-1-open', { fullPage: false });

    // The service worker keeps the app shell for a reload without network (src/web/public/sw.js).
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            await navigator.serviceWorker.ready;
            return (await (await caches.open('kehou-shell-v1')).keys()).length;
          }),
        eventually,
      )
      .toBeGreaterThan(3);

    // The network goes away. Two children are absent: a tap each, then 全部到齐 — three taps.
    await context.setOffline(true);
    const [a, b] = toMark;
    if (!a || !b) throw new Error('the demo teacher’s group is already marked');
    await page.getByTestId(`child-${a.studentNo}`).click();
    await page.getByTestId(`child-${b.studentNo}`).click();
    await page.getByTestId('all-present').click();
    await expect.poll(() => page.getByTestId('sync-status').textContent(), eventually).toContain('未同步');
    await expect.poll(() => page.getByTestId('unsynced-dot').count(), eventually).toBe(toMark.length);
    await expect.poll(() => page.getByTestId('count-absent').textContent()).toContain('2');
    expect(await page.locator('[data-mark="none"]').count()).toBe(0);
    await atRest(page);
    await screenshot(page, 'daily-roll-call-2-offline', { fullPage: false });

    // The phone reloads the page with the network still dead: the page comes from the service
    // worker's shell, the session and the server's clock from their last answer, the roll call and
    // the queue from the phone (IndexedDB).
    await page.reload();
    await page.getByTestId('roll-call-page').waitFor(eventually);
    await expect.poll(() => page.getByTestId('sync-status').textContent(), eventually).toContain('未同步');
    await expect.poll(() => page.getByTestId('unsynced-dot').count(), eventually).toBe(toMark.length);
    await expect.poll(() => page.locator('[data-mark="absent"]').count()).toBe(2);
    await atRest(page);
    await screenshot(page, 'daily-roll-call-3-reloaded-still-queued', { fullPage: false });
    await context.setOffline(false);

    // The network is back: the queue syncs (here at once by tapping the status; it also retries by itself).
    await page.getByTestId('sync-status').click();
    await expect.poll(() => page.getByTestId('sync-status').textContent(), eventually).toContain('已同步');
    await expect.poll(() => page.getByTestId('unsynced-dot').count(), eventually).toBe(0);
    await atRest(page);
    await screenshot(page, 'daily-roll-call-4-synced', { fullPage: false });

    const after = await rollCallOf('teacher', today);
    const byId = new Map(after.groups.flatMap((g) => g.children).map((c) => [c.studentId, c]));
    expect(byId.get(a.studentId)?.mark).toBe('absent');
    expect(byId.get(b.studentId)?.mark).toBe('absent');
    for (const c of toMark) {
      // Exactly one mark each: nothing stored twice by the retries.
      expect(byId.get(c.studentId)?.history.filter((h) => h.source === 'staff')).toHaveLength(1);
    }

    // The absent child: 待跟进, the guardian's phone to call, the follow-up form.
    await page.getByTestId(`child-${a.studentNo}`).locator('..').getByTestId('child-more').click();
    await page.getByTestId('child-sheet').waitFor();
    await page.getByTestId('follow-up-form').waitFor();
    await settle(page);
    await screenshot(page, 'daily-roll-call-5-follow-up', { fullPage: false });
  });
});

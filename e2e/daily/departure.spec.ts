// Departure with a verified pickup (F-13, C 2 弹性离校) on phones, at the demo school on the demo
// clock's service day: the demo guardian opens today's pickup code; the gate guard has the live gate
// board open on a tablet and, on a phone, types the code, sees the child with the authorized persons
// and releases; the board moves the child to 已离校 by itself and the guardian's page says 已离校.
import { describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import type { PickupCodeView } from '../../src/server/features/departure/schemas.js';
import { apiGet, apiLogIn, apiPost } from '../api.js';
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

const eventually = { timeout: 20_000 };
const TABLET = { width: 1024, height: 768 };

async function serverToday(): Promise<string> {
  const res = await fetch(`${inject('baseUrl')}/api/clock`);
  return ((await res.json()) as { today: string }).today;
}

// The demo guardian's child in the service today, marked present (the demo data does it; if a
// journey before this one left the child unmarked, the duty chief marks the child present here).
async function childInCare(today: string): Promise<PickupCodeView> {
  const guardian = await apiLogIn('guardian', DEMO_PASSWORD);
  const { items: children } = await apiGet<{ items: { schoolId: string; studentId: string }[] }>(
    guardian,
    '/api/guardian/children',
  );
  for (const c of children) {
    const path = `/api/schools/${c.schoolId}/students/${c.studentId}/pickup-code`;
    const view = await apiGet<PickupCodeView>(guardian, path);
    if (!view.attending) continue;
    if (view.status === 'expected') {
      const chief = await apiLogIn('duty.chief', DEMO_PASSWORD);
      await apiPost(chief, `/api/schools/${c.schoolId}/days/${today}/marks`, {
        marks: [
          {
            id: crypto.randomUUID(),
            studentId: c.studentId,
            mark: 'present',
            basedOn: null,
            at: new Date().toISOString(),
            deviceId: 'e2e-departure',
          },
        ],
      });
      return apiGet<PickupCodeView>(guardian, path);
    }
    return view;
  }
  throw new Error('the demo guardian has no child in the service today');
}

describe('departure with a verified pickup', () => {
  const open = suiteBrowsers(PHONE);

  it('guardian shows the code, the guard releases by it, the board and the guardian see 已离校', async () => {
    const today = await serverToday();
    const before = await childInCare(today);
    expect(before.status).toBe('present');

    // The guardian opens today's code from the home tile.
    const guardian = await open();
    await signInAs(guardian, 'guardian', DEMO_PASSWORD);
    const { card, shown } = await openPickupCode(guardian);
    expect(shown).toBe(before.code);
    await expect.poll(() => shownText(card.getByTestId('pickup-status')), eventually).toBe('在校');
    await atRest(guardian.page);
    expect(await horizontalOverflow(guardian.page)).toBeLessThanOrEqual(0);
    await screenshot(guardian.page, 'departure-guardian-code');

    // The gate: the live board on a tablet…
    const gateBoard = await open(TABLET);
    await signInAs(gateBoard, 'gate.guard', DEMO_PASSWORD);
    await gateBoard.page.goto(`${gateBoard.baseUrl}/gate/board`);
    await expect
      .poll(() => gateBoard.page.getByTestId('board-connection').getAttribute('data-state'), eventually)
      .toBe('live');
    // A whole school is long: the guard finds the child by name.
    await gateBoard.page.getByPlaceholder('按姓名查找').fill(before.child.name);
    const row = gateBoard.page.locator(
      `[data-testid="board-child"][data-student="${before.child.studentId}"]`,
    );
    await expect.poll(() => row.getAttribute('data-section'), eventually).toBe('waiting');
    await atRest(gateBoard.page);
    await screenshot(gateBoard.page, 'departure-board-before', { fullPage: false });

    // …and the release on the guard's phone: the code typed as the guardian reads it out.
    const gate = await open();
    await signInAs(gate, 'gate.guard', DEMO_PASSWORD);
    await gate.page.goto(`${gate.baseUrl}/gate`);
    await gate.page.getByTestId('release-link').click();
    await gate.page.getByTestId('gate-code').fill(`${shown.slice(0, 3)} ${shown.slice(3)}`);
    await gate.page.getByTestId('gate-find').click();
    const child = gate.page.getByTestId('gate-child');
    await child.waitFor(eventually);
    expect(await shownText(child)).toContain(before.child.name);
    expect(await shownText(child)).toContain('接送码已核对');
    // Phones are masked at the gate.
    expect(await shownText(child)).not.toMatch(/1\d{10}/);
    const persons = gate.page.getByTestId('gate-persons').locator('input[type="radio"]');
    if (!(await persons.first().isChecked())) await persons.first().check();
    await atRest(gate.page);
    expect(await horizontalOverflow(gate.page)).toBeLessThanOrEqual(0);
    await screenshot(gate.page, 'departure-gate-child');

    // A wrong code first: refused in Chinese, nothing released.
    const wrongCode = shown === '000000' ? '000001' : '000000';
    await gate.page.getByTestId('gate-code').fill(wrongCode);
    await gate.page.getByTestId('gate-find').click();
    const refused = gate.page.getByTestId('gate-error');
    await refused.waitFor(eventually);
    expect(await shownText(refused)).toMatch(/接送码(不正确|已过期)/);
    await atRest(gate.page);
    await screenshot(gate.page, 'departure-gate-wrong-code');
    await gate.page.getByTestId('gate-code').fill(shown);
    await gate.page.getByTestId('gate-find').click();
    await child.waitFor(eventually);
    if (!(await persons.first().isChecked())) await persons.first().check();

    await gate.page.getByTestId('release-confirm').click();
    const done = gate.page.getByTestId('release-done');
    await done.waitFor(eventually);
    expect(await shownText(done)).toContain(before.child.name);
    await atRest(gate.page);
    await screenshot(gate.page, 'departure-gate-released');

    // The board moves the child by itself (Server-Sent Events), without a reload. How fast is
    // measured by bench/dismissal.bench.ts (board event p99), not timed here on a shared machine.
    await expect
      .poll(() => row.getAttribute('data-section'), { ...eventually, interval: 50 })
      .toBe('released');
    await atRest(gateBoard.page);
    await screenshot(gateBoard.page, 'departure-board-after', { fullPage: false });

    // The guardian's page says so when the phone comes back to it.
    await guardian.page.reload();
    await expect
      .poll(() => shownText(guardian.page.getByTestId('pickup-status').first()), eventually)
      .toBe('已离校');
    const detail = await shownText(guardian.page.getByTestId('pickup-status-detail').first());
    expect(detail).toMatch(/已离校 \d{2}:\d{2} 由 .+ 接走/);
    await atRest(guardian.page);
    await screenshot(guardian.page, 'departure-guardian-released');
  });
});

// The audit log page says what happened at the gate in words (issue 13.9): after the demo guardian
// opens today's pickup code and the gate guard releases the child by it, the school admin reads
// "家长查看接送码：<child>（<class>）" and "放行：<child>（<class>）" with the gate's address and device,
// and the same in English. On a demo of its own, so that the shared demo's child stays in care for
// the departure journey. Screenshots: e2e/screenshots/audit-gate-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import type { PickupCodeView } from '../../src/server/features/departure/schemas.js';
import { classLabel } from '../../src/web/i18n/format.js';
import { apiGet, apiLogIn, apiPost } from '../api.js';
import {
  atRest,
  DESKTOP,
  horizontalOverflow,
  listsClosed,
  openLists,
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

describe('the audit log in words', () => {
  const open = suiteBrowsers(DESKTOP);
  let server: DemoServer;
  let view: PickupCodeView;

  beforeAll(async () => {
    server = await startOwnDemo('audit', new Date());
    const today = ((await (await fetch(`${server.baseUrl}/api/clock`)).json()) as { today: string }).today;
    // The demo guardian's child in care today opens the code (a view, audited once)…
    const guardian = await apiLogIn('guardian', DEMO_PASSWORD, server.baseUrl);
    const { items: children } = await apiGet<{ items: { schoolId: string; studentId: string }[] }>(
      guardian,
      '/api/guardian/children',
    );
    for (const c of children) {
      const path = `/api/schools/${c.schoolId}/students/${c.studentId}/pickup-code`;
      const seen = await apiGet<PickupCodeView>(guardian, path);
      if (!seen.attending) continue;
      if (seen.status === 'expected') {
        const chief = await apiLogIn('duty.chief', DEMO_PASSWORD, server.baseUrl);
        await apiPost(chief, `/api/schools/${c.schoolId}/days/${today}/marks`, {
          marks: [
            {
              id: crypto.randomUUID(),
              studentId: c.studentId,
              mark: 'present',
              basedOn: null,
              at: new Date().toISOString(),
              deviceId: 'e2e-audit',
            },
          ],
        });
      }
      view = await apiGet<PickupCodeView>(guardian, path);
    }
    expect(view?.code).toMatch(/^\d{6}$/);
    // …and the gate finds the child by it and releases the child to the listed person.
    const gate = await apiLogIn('gate.guard', DEMO_PASSWORD, server.baseUrl);
    const day = `/api/schools/${view.school.id}/days/${today}`;
    const found = await apiPost<{ pickupPersons: { id: string }[] }>(gate, `${day}/pickup/lookup`, {
      code: view.code,
    });
    await apiPost(gate, `${day}/releases`, {
      studentId: view.child.studentId,
      method: 'pickup_code',
      code: view.code,
      pickupPersonId: found.pickupPersons[0]?.id,
      confirmEarly: true,
      deviceId: 'e2e-gate-east',
    });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  it('the school admin reads the gate’s release and the guardian’s view in Chinese and English', async () => {
    const { name, grade, className } = view.child;
    const session = await open(DESKTOP, server.baseUrl);
    const { page } = session;
    await signInAs(session, 'school.admin', DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/school`);
    await page
      .getByRole('menuitem')
      .filter({ hasText: /^操作日志$/ })
      .click();
    await page.getByRole('heading', { name: '操作日志', exact: true }).waitFor();
    const lines = page.getByTestId('audit-line');
    await lines.first().waitFor(eventually);
    const released = `放行：${name}（${classLabel(grade, className, 'zh-CN')}）`;
    const viewed = `家长查看接送码：${name}（${classLabel(grade, className, 'zh-CN')}）`;
    await expect.poll(async () => (await lines.allTextContents()).includes(released), eventually).toBe(true);
    expect(await lines.allTextContents()).toContain(viewed);
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: released });
    expect(await shownText(row)).toContain('e2e-gate-east');
    // No shortened ids: every line is words.
    for (const text of await lines.allTextContents()) expect(text).not.toMatch(/[0-9a-f]{8}…/);
    await atRest(page);
    await screenshot(page, 'audit-gate-1440');

    // Only the releases: the list of actions is long, so the filter is typed.
    await listsClosed(page);
    await page.getByLabel('操作类型', { exact: true }).click();
    await openLists(page).waitFor();
    await page.keyboard.type('放行');
    await settle(page);
    await openLists(page)
      .locator('.ant-select-item-option')
      .and(page.getByTitle('放行', { exact: true }))
      .click();
    await listsClosed(page);
    await expect
      .poll(
        async () => [...new Set((await lines.allTextContents()).map((l) => l.split('：')[0]))],
        eventually,
      )
      .toEqual(['放行']);
    await page.setViewportSize(PHONE);
    await atRest(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'audit-gate-375');
    await page.setViewportSize(DESKTOP);

    await page.getByTestId('language-switch').first().click();
    await page.getByText('English', { exact: true }).first().click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    const english = `Released: ${name} (${classLabel(grade, className, 'en')})`;
    await expect.poll(async () => (await lines.allTextContents()).includes(english), eventually).toBe(true);
    await page.getByRole('columnheader', { name: 'What' }).waitFor();
    await atRest(page);
    await screenshot(page, 'audit-gate-1440-en');
  });
});

// Log in as each demo role, see that role's home, switch language, log out. Screenshots of every
// page at phone and desktop widths go to e2e/screenshots/.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import {
  atRest,
  DESKTOP,
  horizontalOverflow,
  logIn,
  openBrowser,
  PHONE,
  recordFailure,
  type Session,
  screenshot,
} from '../browser.js';

const roles = [
  { username: 'bureau', role: 'bureau', path: '/bureau', viewport: DESKTOP, sees: '东湖区实验小学' },
  {
    username: 'school.admin',
    role: 'school_admin',
    path: '/school',
    viewport: DESKTOP,
    sees: '东湖区实验小学',
  },
  { username: 'teacher', role: 'care_teacher', path: '/teacher', viewport: PHONE, sees: '东湖区实验小学' },
  { username: 'duty.chief', role: 'duty_chief', path: '/duty', viewport: PHONE, sees: '东湖区实验小学' },
  { username: 'gate.guard', role: 'gate_guard', path: '/gate', viewport: PHONE, sees: '东湖区实验小学' },
  { username: 'guardian', role: 'guardian', path: '/guardian', viewport: PHONE, sees: '1年级1班' },
] as const;

describe('each demo role', () => {
  let session: Session | null = null;
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && session) await recordFailure(task.name, [session]);
    await session?.close();
    session = null;
  });

  for (const r of roles) {
    it(`${r.username}: logs in to its home, switches language, logs out`, async () => {
      session = await openBrowser(r.viewport);
      const { page } = session;
      await logIn(session, r.username, DEMO_PASSWORD);
      await page.getByTestId(`home-${r.role}`).waitFor();
      expect(new URL(page.url()).pathname).toBe(r.path);
      await page.getByText(r.sees).first().waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, `home-${r.role}-${r.viewport.width}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      // The other width too: nothing may overlap or stick out at 375 px or at 1440 px.
      const other = r.viewport === PHONE ? DESKTOP : PHONE;
      await page.setViewportSize(other);
      await page.waitForTimeout(200);
      await screenshot(page, `home-${r.role}-${other.width}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.setViewportSize(r.viewport);
      // Back at the top with nothing moving: after the width changed twice the phone page could be
      // left scrolled, and a menu opened from the sticky header then took clicks meant for it.
      await atRest(page);

      await page.getByTestId('language-switch').first().click();
      await page.getByText('English', { exact: true }).first().click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      // Let the menu finish closing before the picture.
      await page.waitForFunction(() => !document.querySelector('.ant-popover:not(.ant-popover-hidden)'));
      await screenshot(page, `home-${r.role}-${r.viewport.width}-en`);
      await page.getByTestId('language-switch').first().click();
      await page.getByText('中文', { exact: true }).first().click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

      await atRest(page);
      await page.getByTestId('user-menu').click();
      // The menu's own button, once the menu has opened (a loaded machine animates slowly).
      const logout = page
        .locator('.ant-popover:not(.ant-popover-hidden)')
        .getByRole('button', { name: '退出登录' });
      await logout.waitFor();
      await page.waitForFunction(() =>
        (
          document.querySelector('.ant-popover:not(.ant-popover-hidden)')?.getAnimations({ subtree: true }) ??
          []
        ).every((a) => a.playState !== 'running'),
      );
      await logout.click();
      await page.getByLabel('用户名或手机号').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      // The session is gone: home sends back to the login page.
      await page.goto(`${session.baseUrl}${r.path}`);
      await page.getByLabel('用户名或手机号').waitFor();
    });
  }

  it('shows a clear message for a wrong password, and the login page at both widths', async () => {
    session = await openBrowser(PHONE);
    const { page } = session;
    await page.goto(`${session.baseUrl}/login`);
    await page.getByLabel('用户名或手机号').waitFor();
    await screenshot(page, 'login-375');
    await logIn(session, 'teacher', 'not-the-password');
    await page.getByText('用户名或密码错误').waitFor();
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'login-1440');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('shows the 404 page for an unknown address and 403 for another role’s page', async () => {
    session = await openBrowser(DESKTOP);
    const { page } = session;
    await logIn(session, 'teacher', DEMO_PASSWORD);
    await page.getByTestId('home-care_teacher').waitFor();
    await page.goto(`${session.baseUrl}/no-such-page`);
    await page.getByText('404').first().waitFor();
    await screenshot(page, 'not-found-1440');
    await page.goto(`${session.baseUrl}/bureau`);
    await page.getByText('403').first().waitFor();
    await screenshot(page, 'forbidden-1440');
  });
});

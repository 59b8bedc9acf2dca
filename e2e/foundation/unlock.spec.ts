// Issue 13.5: a teacher's account is locked by wrong guesses (three typed here, two more from another
// address); the school admin sees it among the locked accounts and gives an unlock code; the teacher
// types it on the login page and signs in with the password. Screenshots of each step.
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { accountKey } from '../../src/server/features/auth/sign-in-guard.js';
import { apiLogIn, apiPost } from '../api.js';
import {
  DESKTOP,
  horizontalOverflow,
  logIn,
  PHONE,
  screenshot,
  settle,
  signInAs,
  suiteBrowsers,
} from '../browser.js';

const open = suiteBrowsers(PHONE);

describe('a locked account', () => {
  it('is unlocked with a code from the school admin, then signs in with its password', async () => {
    const admin = await apiLogIn('school.admin', DEMO_PASSWORD);
    const schoolId = admin.memberships.find((m) => m.role === 'school_admin')?.schoolId;
    const username = `locked.${Date.now()}`;
    const password = 'Kehou-Locked-2026';
    const created = await apiPost<{ userId: string }>(admin, `/api/schools/${schoolId}/members`, {
      username,
      displayName: '锁定测试老师',
      role: 'care_teacher',
      password,
    });

    // Three wrong passwords from this phone: its address is stopped, the account is not locked.
    const teacher = await open(PHONE);
    const { page } = teacher;
    for (let i = 0; i < 3; i++) {
      await logIn(teacher, username, `wrong-password-${i}`);
      await page.getByText('用户名或密码错误').waitFor();
    }
    await logIn(teacher, username, password);
    await page.getByText('从此网络失败的尝试过多').waitFor();
    await page.getByTestId('login-unlock-offer').waitFor();
    await settle(page);
    await screenshot(page, 'login-throttled-375');

    // Two more guesses from another address (someone else's phone): the account is locked for everyone.
    const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
    try {
      await pool.query(
        `insert into login_attempts (identifier, at, succeeded, ip)
         select $1, now(), 0, '10.99.0.2' from generate_series(1, 2)`,
        [accountKey(created.userId)],
      );
    } finally {
      await pool.end();
    }
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('账号已暂时锁定').waitFor();

    // The school admin sees the locked account and gives an unlock code.
    const office = await open(DESKTOP);
    await signInAs(office, 'school.admin', DEMO_PASSWORD);
    await office.page.goto(`${office.baseUrl}/school/members`);
    const locked = office.page.getByTestId('locked-accounts');
    await locked.getByText('锁定测试老师').waitFor();
    await office.page.waitForLoadState('networkidle');
    await settle(office.page);
    await screenshot(office.page, 'members-locked-1440');
    expect(await horizontalOverflow(office.page)).toBeLessThanOrEqual(0);
    await office.page.getByTestId(`unlock-code-${created.userId}`).click();
    const shown = office.page.getByTestId('unlock-code');
    await shown.waitFor();
    const code = ((await shown.textContent()) ?? '').trim();
    expect(code).toMatch(/^\d{4} \d{4}$/);
    await settle(office.page);
    await screenshot(office.page, 'members-unlock-code-1440', { fullPage: false });

    // The teacher types it: unlocked, back at the password form with the name kept.
    await page.getByTestId('login-unlock-offer').click();
    await expect.poll(() => page.getByLabel('用户名或手机号').inputValue()).toBe(username);
    await page.getByLabel('解锁码').fill(code);
    await settle(page);
    await screenshot(page, 'login-unlock-375');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('unlock-done').waitFor();
    await settle(page);
    await screenshot(page, 'login-unlocked-375');
    expect(await page.getByLabel('用户名或手机号').inputValue()).toBe(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('home-care_teacher').waitFor();

    // The lock is gone from the admin's list.
    await office.page.reload();
    await office.page.getByTestId('locked-accounts').getByText('现在没有被锁定的账号').waitFor();
  });
});

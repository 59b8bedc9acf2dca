// The console pages of the school administrator and the bureau, the account page and the setup
// page: what each is for, done in the browser. Screenshots of every page at 1440 and 375 px go to
// e2e/screenshots/. The server and its demo database are shared with the other spec files, so
// everything made here carries a timestamp, and demo accounts keep their password.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { apiLogIn, createStaffAccount } from '../api.js';
import {
  DESKTOP,
  horizontalOverflow,
  logIn,
  openBrowser,
  PHONE,
  recordFailure,
  type Session,
  screenshot,
  settle,
} from '../browser.js';

/** A screenshot of the page at rest: no message toast over the header, nothing half-way through moving. */
async function still(page: Page, name: string): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
  await settle(page);
  const overlay = await page.locator('.ant-drawer-open, .ant-modal-wrap').filter({ visible: true }).count();
  await screenshot(page, name, { fullPage: overlay === 0 });
}

/** Screenshots at the current (desktop) width and at phone width; nothing may stick out at either. */
async function bothWidths(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await still(page, `${name}-${DESKTOP.width}`);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize(PHONE);
  await still(page, `${name}-${PHONE.width}`);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize(DESKTOP);
  await settle(page);
}

/** Picks `option` in the antd Select labelled `label`; `search` types it first (a long list, e.g.
 * the audit log's actions, shows only its first options). */
async function choose(page: Page, label: string, option: string, { search = false } = {}): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await list.waitFor();
  if (search) await page.keyboard.type(option);
  // Clicked while still sliding open, an option can miss and leave the list open.
  await settle(page);
  await list
    .locator('.ant-select-item-option')
    .and(page.getByTitle(option, { exact: true }))
    .click();
  // Let the list finish closing, so that no screenshot catches it half-way.
  await list.waitFor({ state: 'detached' });
}

/** The text of one column of the table's rows, by the column's index. */
function column(page: Page, index: number): Promise<string[]> {
  return page.locator(`.ant-table-tbody tr.ant-table-row td:nth-child(${index + 1})`).allTextContents();
}

/** The number in the pager's `共 N 条`. */
async function total(page: Page): Promise<number> {
  const text = await page.locator('.ant-pagination-total-text').textContent();
  return Number(text?.replace(/\D/g, ''));
}

/** The error shown under the form field labelled `label`. */
function fieldError(page: Page, label: string) {
  return page
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .locator('.ant-form-item-explain-error');
}

const stamp = Date.now();
// Lists refetch after a filter changes; give them time on a busy machine.
const eventually = { timeout: 10_000 };

describe('console pages', () => {
  const sessions: Session[] = [];
  const open = async (viewport = DESKTOP) => {
    const session = await openBrowser(viewport);
    sessions.push(session);
    return session;
  };
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure(task.name, sessions);
    await Promise.all(sessions.splice(0).map((session) => session.close()));
  });

  it('school admin: searches students by a name fragment and filters them by grade', async () => {
    const session = await open();
    const { page } = session;
    await logIn(session, 'school.admin', DEMO_PASSWORD);
    await page.getByTestId('home-school_admin').waitFor();
    await page
      .getByRole('menuitem')
      .filter({ hasText: /^学生$/ })
      .click();
    await page.getByRole('heading', { name: '学生', exact: true }).waitFor();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const everyone = await total(page);
    expect(everyone).toBeGreaterThan(100);

    await choose(page, '按年级筛选', '三年级');
    await expect.poll(() => total(page), eventually).toBeLessThan(everyone);
    await expect.poll(async () => [...new Set(await column(page, 3))], eventually).toEqual(['三年级']);
    const inGrade = await total(page);

    // A fragment of a real name: the surname of the first student listed.
    const [firstName] = await column(page, 1);
    const fragment = (firstName ?? '').slice(0, 1);
    expect(fragment).not.toBe('');
    await page.getByLabel('搜索学生').fill(fragment);
    await page.getByLabel('搜索学生').press('Enter');
    await expect.poll(() => total(page), eventually).toBeLessThan(inGrade);
    expect(await total(page)).toBeGreaterThan(0);
    for (const name of await column(page, 1)) expect(name).toContain(fragment);
    expect([...new Set(await column(page, 3))]).toEqual(['三年级']);
    await bothWidths(page, 'school-students');

    // Clearing the box shows the whole grade again.
    await page.getByLabel('搜索学生').fill('');
    await expect.poll(() => total(page), eventually).toBe(inGrade);
    await expect.poll(async () => [...new Set(await column(page, 3))], eventually).toEqual(['三年级']);
  });

  it('school admin: adds a staff account (a weak password refused first), who then logs in; the audit log shows it', async () => {
    const session = await open();
    const { page } = session;
    await logIn(session, 'school.admin', DEMO_PASSWORD);
    await page.getByTestId('home-school_admin').waitFor();
    await page
      .getByRole('menuitem')
      .filter({ hasText: /^人员$/ })
      .click();
    await page.getByRole('heading', { name: '人员账号', exact: true }).waitFor();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await bothWidths(page, 'school-members');

    const username = `e2e.staff.${stamp}`;
    const phone = `138${String(stamp).slice(-8)}`;
    const password = 'Lantern-Harbour-2931';
    await page.getByRole('button', { name: '添加人员账号' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('用户名', { exact: true }).fill(username);
    await drawer.getByLabel('姓名', { exact: true }).fill('测试老师');
    await drawer.getByLabel('手机号（选填）', { exact: true }).fill(phone);
    await drawer.getByLabel('初始密码', { exact: true }).fill('1234567890');
    await drawer.getByRole('button', { name: /创\s*建/ }).click();
    // The server's own words, under the password field; the drawer stays open, nothing is made.
    await fieldError(page, '初始密码').filter({ hasText: '常见密码' }).waitFor();
    await bothWidths(page, 'school-members-weak-password');
    // The members' table is the page's last (the locked accounts' card comes before it, issue 13.5).
    expect(await page.locator('.ant-table-tbody').last().textContent()).not.toContain(username);

    await drawer.getByLabel('初始密码', { exact: true }).fill(password);
    await drawer.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByText('已添加人员账号：测试老师').waitFor();
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: username });
    await row.waitFor();
    expect(await row.textContent()).toContain(`138****${phone.slice(-4)}`);
    expect(await row.textContent()).not.toContain(phone);
    expect(await row.textContent()).toContain('看护教师');

    // The new account, in a browser of its own, lands on its phone home.
    const staff = await open(PHONE);
    await logIn(staff, username, password);
    await staff.page.getByTestId('home-care_teacher').waitFor();
    expect(new URL(staff.page.url()).pathname).toBe('/teacher');
    await staff.page.getByText('测试老师').first().waitFor();

    await page
      .getByRole('menuitem')
      .filter({ hasText: /^操作日志$/ })
      .click();
    await page.getByRole('heading', { name: '操作日志', exact: true }).waitFor();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await page.getByText('添加人员账号').first().waitFor();
    const all = await total(page);
    await choose(page, '操作类型', '添加人员账号', { search: true });
    // The action and its target in words (issue 13.9): 添加人员账号：测试老师.
    await expect
      .poll(async () => [...new Set((await column(page, 2)).map((text) => text.split('：')[0]))], eventually)
      .toEqual(['添加人员账号']);
    expect(await column(page, 2)).toContain('添加人员账号：测试老师');
    expect(await total(page)).toBeLessThan(all);
    expect(await column(page, 1)).toContain('林校长');
    await bothWidths(page, 'school-audit');
  });

  it('bureau: creates a school in 东湖区 (a taken code refused first) and sees it in the list and the audit log', async () => {
    const session = await open();
    const { page } = session;
    await logIn(session, 'bureau', DEMO_PASSWORD);
    await page.getByTestId('home-bureau').waitFor();
    await page.getByText('东湖区实验小学').first().waitFor();

    const name = `东湖区测试小学${stamp}`;
    const code = `99${String(stamp).slice(-8)}`;
    await page.getByRole('button', { name: '新建学校' }).click();
    const drawer = page.getByRole('dialog');
    await choose(page, '所属县（区）', '东湖区');
    await drawer.getByLabel('学校标识码', { exact: true }).fill('9901020001');
    await drawer.getByLabel('学校名称', { exact: true }).fill(name);
    await drawer.getByLabel('教师人数', { exact: true }).fill('24');
    await drawer.getByLabel('学生人数', { exact: true }).fill('480');
    await drawer.getByLabel('地址', { exact: true }).fill('示范市东湖区测试路 1 号');
    await drawer.getByLabel('联系电话', { exact: true }).fill('0990-5559001');
    await drawer.getByRole('button', { name: /创\s*建/ }).click();
    await fieldError(page, '学校标识码').filter({ hasText: '该学校标识码已存在' }).waitFor();
    await bothWidths(page, 'bureau-create-school-taken');

    await drawer.getByLabel('学校标识码', { exact: true }).fill(code);
    await drawer.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByText(`已创建学校「${name}」`).waitFor();
    await drawer.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: code });
    await row.waitFor();
    expect(await row.textContent()).toContain(name);
    expect(await row.textContent()).toContain('东湖区');
    await bothWidths(page, 'bureau-schools');

    await page
      .getByRole('menuitem')
      .filter({ hasText: /^操作日志$/ })
      .click();
    await page.getByRole('heading', { name: '操作日志', exact: true }).waitFor();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await choose(page, '操作类型', '新建学校', { search: true });
    await expect
      .poll(async () => [...new Set((await column(page, 2)).map((text) => text.split('：')[0]))], eventually)
      .toEqual(['新建学校']);
    expect(await column(page, 2)).toContain(`新建学校：${name}`);
    expect(await column(page, 0)).not.toHaveLength(0);
    await bothWidths(page, 'bureau-audit');
  });

  it('any user: the account page refuses a wrong current password, changes it, and the new one logs in', async () => {
    // An account of its own, so that the demo accounts keep the demo password.
    const username = `e2e.account.${stamp}`;
    const oldPassword = 'Willow-Creek-4817';
    const newPassword = 'Copper-Lantern-5093';
    await createStaffAccount(await apiLogIn('school.admin', DEMO_PASSWORD), {
      username,
      displayName: '改密测试',
      role: 'care_teacher',
      password: oldPassword,
    });

    const session = await open(PHONE);
    const { page } = session;
    await logIn(session, username, oldPassword);
    await page.getByTestId('home-care_teacher').waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByTestId('account-page').waitFor();

    await page.getByLabel('当前密码', { exact: true }).fill('Not-My-Password-1');
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('确认新密码', { exact: true }).fill(newPassword);
    await page.locator('form').getByRole('button', { name: '修改密码' }).click();
    await fieldError(page, '当前密码').filter({ hasText: '当前密码不正确' }).waitFor();
    await still(page, `account-wrong-password-${PHONE.width}`);

    await page.getByLabel('当前密码', { exact: true }).fill(oldPassword);
    await page.locator('form').getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改').waitFor();
    await page.setViewportSize(DESKTOP);
    await bothWidths(page, 'account');

    // A fresh browser: the old password no longer works, the new one does.
    const again = await open(PHONE);
    await logIn(again, username, oldPassword);
    await again.page.getByText('用户名或密码错误').waitFor();
    await logIn(again, username, newPassword);
    await again.page.getByTestId('home-care_teacher').waitFor();
  });

  it('school admin: the account page in the console', async () => {
    const session = await open();
    const { page } = session;
    await logIn(session, 'school.admin', DEMO_PASSWORD);
    await page.getByTestId('home-school_admin').waitFor();
    await page.goto(`${session.baseUrl}/account`);
    await page.getByTestId('account-page').waitFor();
    await page.getByText('林校长').first().waitFor();
    await bothWidths(page, 'account-console');
  });

  it('setup page: on a platform already set up, says so and points to the login page', async () => {
    const session = await open();
    const { page } = session;
    await page.goto(`${session.baseUrl}/setup?token=not-needed-any-more`);
    await page.getByText('平台已完成初始化').waitFor();
    await bothWidths(page, 'setup-done');
    await page.getByRole('button', { name: '前往登录' }).click();
    await page.getByLabel('用户名或手机号').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});

// Import of students with guardians (F-27) in the browser, and the guardians' first sign-in: a school
// administrator downloads the template, fills it (here with exceljs, as an office would in Excel or
// WPS), uploads it with one bad row and sees the problem by row and column while nothing is saved; fixes
// the row and imports; issues first sign-in codes for the class and prints them; a guardian signs in on
// a phone with the code, sets a password and sees both children.
//
// The e2e server is shared with the other spec files, so the journey makes its own county, school and
// administrator through the API, with a stamp in their names and mobiles.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { type ApiSession, apiLogIn, apiPost } from '../api.js';
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

const stamp = Date.now();
const digits = String(stamp).slice(-8);
const county = { code: `96${digits.slice(-4)}`, name: `导入测试区${digits}` };
const school = {
  code: `96${digits}`,
  name: `导入测试小学${digits}`,
  type: 'primary',
  grades: [1, 2, 3, 4, 5, 6],
  teacherCount: 40,
  studentCount: 600,
  phone: '0990-5559002',
};
const admin = { username: `import.admin.${digits}`, displayName: '钱主任', password: 'Import-Journey-2026!' };
// Mobiles unique to this run: 159 + the stamp's last 6 digits + 2 of the row.
const mobile = (n: number) => `159${digits.slice(-6)}${String(n).padStart(2, '0')}`;
const eventually = { timeout: 20_000 };

describe('import of students and guardians, and their first sign-in', () => {
  const sessions: Session[] = [];
  let adminApi: ApiSession;
  let schoolId = '';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-import-e2e-'));
  let templatePath = '';
  let code = '';

  beforeAll(async () => {
    const bureau = await apiLogIn('bureau', DEMO_PASSWORD);
    const cityId = bureau.memberships.find((m) => m.role === 'bureau')?.regionId;
    if (!cityId) throw new Error('the demo bureau has no region');
    const countyId = (await apiPost<{ id: string }>(bureau, `/api/regions/${cityId}/regions`, county)).id;
    schoolId = (await apiPost<{ id: string }>(bureau, `/api/regions/${countyId}/schools`, school)).id;
    await apiPost(bureau, `/api/schools/${schoolId}/members`, { ...admin, role: 'school_admin' });
    adminApi = await apiLogIn(admin.username, admin.password);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure(task.name, sessions);
  });

  afterAll(async () => {
    for (const s of sessions) await s.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function studentTotal(): Promise<number> {
    const res = await fetch(`${inject('baseUrl')}/api/schools/${schoolId}/students`, {
      headers: { cookie: adminApi.cookie },
    });
    return ((await res.json()) as { total: number }).total;
  }

  /** The downloaded template with its example row replaced by our children. */
  async function fillTemplate(name: string, badPhone: boolean): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(templatePath);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('template without a sheet');
    const rows = [
      [`0${digits.slice(-5)}01`, '林小雨', '女', '三年级', '2班', '林芳', '母亲', mobile(1)],
      [`0${digits.slice(-5)}02`, '林小川', '男', '一年级', '1班', '林芳', '母亲', mobile(1)],
      [
        `0${digits.slice(-5)}03`,
        '赵一鸣',
        '男',
        '三年级',
        '(2)班',
        '赵强',
        '父亲',
        badPhone ? '1590000' : mobile(3),
      ],
      [`0${digits.slice(-5)}04`, '孙悦', '女', '五年级', '1班', '孙丽', '奶奶', mobile(4)],
    ];
    rows.forEach((cells, i) => {
      const row = sheet.getRow(i + 2);
      // Every column, so nothing of the template's example row (its second guardian) stays behind.
      for (let j = 0; j < 11; j++) row.getCell(j + 1).value = cells[j] ?? null;
      row.commit();
    });
    const file = path.join(tmp, name);
    await workbook.xlsx.writeFile(file);
    return file;
  }

  it('downloads the template, shows a bad row without saving, then imports the fixed file', async () => {
    const session = await openBrowser(DESKTOP);
    sessions.push(session);
    const { page } = session;
    await logIn(session, admin.username, admin.password);
    await page.getByTestId('home-school_admin').waitFor(eventually);
    await page.getByRole('link', { name: '导入名单' }).first().click();
    await page.getByRole('heading', { name: '导入名单' }).waitFor(eventually);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-template').click(),
    ]);
    expect(download.suggestedFilename()).toBe('学生及家长导入模板.xlsx');
    templatePath = path.join(tmp, 'template.xlsx');
    await download.saveAs(templatePath);

    // One bad row: a mobile with 7 digits.
    await page.locator('input[type=file]').setInputFiles(await fillTemplate('三年级名单.xlsx', true));
    const failed = page.getByTestId('import-problems');
    await failed.waitFor(eventually);
    await expect.poll(() => failed.locator('tbody tr').count()).toBe(1);
    const text = await failed.textContent();
    expect(text).toContain('4');
    expect(text).toContain('家长1手机');
    expect(text).toContain('不是有效的 11 位手机号');
    await expect.poll(() => page.getByTestId('import-confirm').count()).toBe(0);
    await settle(page);
    await screenshot(page, 'import-preview-error');
    expect(await studentTotal()).toBe(0);

    // Fixed: the preview passes, the counts show the siblings' one guardian, and the import saves all.
    await page.locator('input[type=file]').setInputFiles(await fillTemplate('三年级名单-改.xlsx', false));
    await page.getByTestId('import-confirm').waitFor(eventually);
    const counts = await page.getByTestId('import-counts').textContent();
    expect(counts).toMatch(/学生\s*4/);
    expect(counts).toMatch(/新建家长账号\s*3/);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor(eventually);
    expect(await page.getByTestId('import-done').textContent()).toContain('已导入 4 名学生、3 位家长');
    await settle(page);
    await screenshot(page, 'import-summary');
    expect(await studentTotal()).toBe(4);

    // The students page lists them and offers the export.
    await page.getByRole('button', { name: '查看学生名单' }).click();
    await page.getByText('林小雨').waitFor(eventually);
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-students').click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/^学生及家长名单-\d{4}-\d{2}-\d{2}\.xlsx$/);
  });

  it('issues first sign-in codes and prints them per class', async () => {
    const session = sessions[0];
    if (!session) throw new Error('no admin session');
    const { page } = session;
    await page.getByRole('link', { name: '首次登录验证码' }).first().click();
    await page.getByRole('heading', { name: '首次登录验证码' }).waitFor(eventually);
    await page.getByTestId('codes-issue').click();
    await page.getByRole('dialog').getByRole('button', { name: '生成验证码' }).click();
    const sheet = page.getByTestId('codes-sheet');
    await sheet.waitFor(eventually);
    const rows = sheet.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    const lin = sheet.locator('tr', { hasText: '林小雨' });
    code = (await lin.locator('td.kh-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{4} \d{4}$/);
    // The siblings' guardian has one code, printed beside each child.
    expect(
      (await sheet.locator('tr', { hasText: '林小川' }).locator('td.kh-code').textContent())?.trim(),
    ).toBe(code);
    expect(await lin.textContent()).toContain(`${mobile(1).slice(0, 3)}****${mobile(1).slice(-4)}`);
    await settle(page);
    await screenshot(page, 'import-login-codes');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'import-login-codes-print');
    await page.emulateMedia({ media: 'screen' });

    // A new code for one chosen child's guardian (a lost slip); the server revokes the older one.
    await page.locator('label', { hasText: '选定学生' }).click();
    await page.getByLabel('学生', { exact: true }).fill('孙');
    await page.getByTitle(/孙悦/).waitFor(eventually);
    await page.getByTitle(/孙悦/).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('codes-issue').click();
    await page.getByRole('dialog').getByRole('button', { name: '生成验证码' }).click();
    await expect.poll(() => page.getByTestId('codes-sheet').locator('tbody tr').count(), eventually).toBe(1);
    expect(await page.getByTestId('codes-sheet').textContent()).toContain('孙丽');
  });

  it('lets the guardian sign in with the code on a phone, set a password and see both children', async () => {
    const session = await openBrowser(PHONE);
    sessions.push(session);
    const { page } = session;
    await page.goto(`${session.baseUrl}/login`);
    await page.getByTestId('login-mode').click();
    await page.getByLabel('验证码').waitFor(eventually);
    expect(await horizontalOverflow(page)).toBe(0);
    await settle(page);
    await screenshot(page, 'import-code-login-375');
    await page.getByLabel('手机号').fill(mobile(1));
    await page.getByLabel('验证码').fill(code);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('heading', { name: '设置登录密码' }).waitFor(eventually);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByLabel('新密码', { exact: true }).fill('Lin-Family-2026!');
    await page.getByLabel('确认新密码').fill('Lin-Family-2026!');
    await page.getByRole('button', { name: '设置密码并进入' }).click();
    await page.getByTestId('home-guardian').waitFor(eventually);
    await expect.poll(() => page.getByTestId('child-card').count()).toBe(2);
    expect(await page.getByTestId('home-guardian').textContent()).toContain('您有 2 个孩子在校');
    expect(await horizontalOverflow(page)).toBe(0);
    await settle(page);
    await screenshot(page, 'import-guardian-first-sign-in');
    // The password works from now on; the code does not.
    const again = await fetch(`${session.baseUrl}/api/auth/code-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: mobile(1), code }),
    });
    expect(again.status).toBe(401);
    expect((await apiLogIn(mobile(1), 'Lin-Family-2026!')).memberships).toEqual([
      expect.objectContaining({ role: 'guardian' }),
    ]);
  });
});

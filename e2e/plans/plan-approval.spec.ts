// The school plan (一校一案, F-02) from the first draft to the public notice (F-05), in the browser:
// a school administrator fills a plan that breaks two rules (a session of collective tutoring, B 六(二);
// service ending before the policy's end time, B 二), sees both findings beside the form, fixes them and
// submits; the bureau returns it with a comment (B 六(五) 审定), the administrator reads the comment and
// resubmits; the bureau approves; the public notice opens without login on a phone and in print.
//
// The e2e server is shared with the other spec files, so the journey makes its own county, school,
// administrator, policy and term through the API (the demo school already has an approved plan for the
// current term), all with a stamp in their names.
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoTerm } from '../../src/demo/plans.js';
import { currentTerm, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { addDays, chineseDate } from '../../src/domain/dates.js';
import { defaultPolicy } from '../../src/domain/policy.js';
import { type ApiSession, apiGet, apiLogIn, apiPost } from '../api.js';
import {
  chooseOption,
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
// Dates in Asia/Shanghai, where the school is.
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
const year = Number(today.slice(0, 4));

const county = { code: `97${digits.slice(-4)}`, name: `方案测试区${digits}` };
const school = {
  code: `97${digits}`,
  name: `方案测试小学${digits}`,
  type: 'primary',
  grades: [1, 2, 3, 4, 5, 6],
  teacherCount: 40,
  studentCount: 600,
  phone: '0990-5559001',
};
const admin = { username: `plan.admin.${digits}`, displayName: '方校长', password: 'Plan-Journey-2026!' };
// A term of the county from today: the policy published today is in force on its first day (F-01).
const term = {
  code: `${year}-${year + 1}-2`,
  name: `${year}–${year + 1}学年测试学期`,
  firstDay: today,
  lastDay: addDays(today, 120),
  unifiedStartDate: addDays(today, 7),
};

const ids: { countyId: string; schoolId: string } = { countyId: '', schoolId: '' };
// The phone of issue 14's walk-through.
const PHONE_390 = { width: 390, height: 844 };
const eventually = { timeout: 15_000 };

/** Types an ISO date into the date picker labelled `label` inside `scope`. */
async function pickDate(scope: Locator, label: string, date: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** The rule ids of the findings listed beside the form. */
async function ruleIds(page: Page): Promise<string[]> {
  return page
    .getByTestId('plan-findings')
    .locator('.kh-finding')
    .evaluateAll((items) =>
      items.filter((li) => li.classList.contains('kh-finding-error')).map((li) => li.textContent ?? ''),
    );
}

async function errorRules(page: Page): Promise<string[]> {
  const texts = await ruleIds(page);
  const known = ['activity.forbidden-kind', 'end.too-early'];
  return texts.map((text) => known.find((id) => text.includes(id)) ?? text);
}

/** The page at rest from its top (sticky header and side column in place, no message toast). */
async function atRest(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
}

async function pictures(page: Page, name: string): Promise<void> {
  await atRest(page);
  await screenshot(page, `${name}-${DESKTOP.width}`);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize(PHONE);
  await atRest(page);
  await screenshot(page, `${name}-${PHONE.width}`);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize(DESKTOP);
  await settle(page);
}

describe('school plan: draft, findings, return, resubmit, approval, public notice', () => {
  const sessions: Session[] = [];
  const open = async (viewport = DESKTOP) => {
    const session = await openBrowser(viewport);
    sessions.push(session);
    return session;
  };
  let bureau: ApiSession;

  beforeAll(async () => {
    bureau = await apiLogIn('bureau', DEMO_PASSWORD);
    const cityId = bureau.memberships.find((m) => m.role === 'bureau')?.regionId;
    if (!cityId) throw new Error('the demo bureau has no region');
    ids.countyId = (await apiPost<{ id: string }>(bureau, `/api/regions/${cityId}/regions`, county)).id;
    ids.schoolId = (await apiPost<{ id: string }>(bureau, `/api/regions/${ids.countyId}/schools`, school)).id;
    await apiPost(bureau, `/api/schools/${ids.schoolId}/members`, { ...admin, role: 'school_admin' });
    // 一县一策: the county's own policy, the city's pilot model (B: 4 afternoons, grades 1–2).
    await apiPost(bureau, `/api/regions/${ids.countyId}/policy/versions`, {
      effectiveFrom: today,
      policy: defaultPolicy('pilot-4'),
      note: '方案审批测试',
    });
    await apiPost(bureau, `/api/regions/${ids.countyId}/terms`, term);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure(task.name, sessions);
    await Promise.all(sessions.splice(0).map((session) => session.close()));
  });

  afterAll(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
  });

  it('goes from a draft with two violations to an approved plan and its public notice', async () => {
    // ---- The school administrator creates the term's plan and fills it.
    const school1 = await open();
    const page = school1.page;
    await logIn(school1, admin.username, admin.password);
    await page.getByTestId('home-school_admin').waitFor();
    await page.getByRole('menuitem', { name: '课后服务方案' }).click();
    await page.getByTestId(`create-plan-${term.code}`).click();
    await page.getByTestId('plan-findings').waitFor();
    const planUrl = page.url();

    // Venue with a passed inspection (A 三.4), a teacher with a signed letter (A 三.1).
    await page.getByTestId('add-venue').click();
    const venue = page.getByTestId('plan-venues-0');
    await venue.getByLabel('场地名称').fill('阅览室');
    await venue.getByLabel('容纳人数').fill('45');
    await pickDate(venue, '安全检查通过日期', addDays(today, -20));
    await pickDate(venue, '检查有效期至', addDays(today, 365));
    await page.getByTestId('add-staff').click();
    const teacher = page.getByTestId('plan-staff-0');
    await teacher.getByLabel('姓名').fill('陈老师');
    await pickDate(teacher, '责任书签订日期', addDays(today, -10));
    await pickDate(teacher, '责任书有效期至', addDays(today, 365));
    await page.getByLabel('预计服务人数').fill('30');

    // Two sessions: reading, then "homework" as collective tutoring — B 六(二) 严禁.
    await page.getByTestId('add-session').click();
    const first = page.getByTestId('plan-timetable-0');
    await first.getByLabel('开始时间', { exact: true }).fill('15:40');
    await first.getByLabel('结束时间', { exact: true }).fill('16:40');
    await first.getByLabel('活动名称').fill('自主阅读');
    await chooseOption(page, first.getByLabel('活动类别'), '自主阅读');
    await chooseOption(page, first.getByLabel('活动形式'), '看护自习');
    await chooseOption(page, first.getByLabel('场地'), '阅览室');
    await chooseOption(page, first.getByLabel('看护人员'), '陈老师', { multiple: true });
    await page.getByTestId('add-session').click();
    const second = page.getByTestId('plan-timetable-1');
    await second.getByLabel('结束时间', { exact: true }).fill('17:00');
    await second.getByLabel('活动名称').fill('作业辅导');
    await chooseOption(page, second.getByLabel('活动类别'), '完成作业');
    await chooseOption(page, second.getByLabel('活动形式'), '集体补课（禁止）');

    // Service ends at 17:00 outside summer time: B 二 says 17:30.
    await page.getByLabel('非夏令时结束时间', { exact: true }).fill('17:00');
    await page.getByLabel('夏令时结束时间', { exact: true }).fill('18:00');
    await page.getByTestId('add-batch').click();
    await page.getByTestId('plan-departureBatches-0').getByLabel('离校时间').fill('17:00');

    // A 四 联系方式, B 六(三) both insurances over the term.
    await page.getByLabel('校长办公室电话').fill('0990-5559001');
    await page.getByTestId('add-contact').click();
    const contact = page.getByTestId('plan-emergencyContacts-0');
    await contact.getByLabel('姓名').fill('方校长');
    await contact.getByLabel('职务').fill('组长');
    await contact.getByLabel('电话').fill('13900009001');
    for (const [index, insurer] of ['中国人民财产保险', '中国平安保险'].entries()) {
      await page.getByTestId('add-insurance').click();
      const policy = page.getByTestId(`plan-insurance-${index}`);
      await policy.getByLabel('保险公司').fill(insurer);
      await policy.getByLabel('保单号').fill(`PZ-${digits}-${index}`);
      await pickDate(policy, '保险起期', addDays(today, -30));
      await pickDate(policy, '保险止期', addDays(today, 365));
    }

    // Both violations, live, each with its clause; submitting is blocked.
    await expect
      .poll(() => errorRules(page), eventually)
      .toEqual(expect.arrayContaining(['activity.forbidden-kind', 'end.too-early']));
    expect(new Set(await errorRules(page))).toEqual(new Set(['activity.forbidden-kind', 'end.too-early']));
    const findings = page.getByTestId('plan-findings');
    await findings.getByText('B 六(二)').first().waitFor();
    await findings.getByText('B 二').first().waitFor();
    expect(await page.getByTestId('plan-submit').isDisabled()).toBe(true);

    // A draft may hold them: saved, and the server finds the same two.
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('方案已保存', { exact: true }).waitFor();
    await expect
      .poll(() => errorRules(page), eventually)
      .toEqual(expect.arrayContaining(['activity.forbidden-kind', 'end.too-early']));
    await pictures(page, 'school-plan-findings');

    // Fix both: supervised study instead of tutoring, service to 17:30.
    await chooseOption(page, page.getByTestId('plan-timetable-1').getByLabel('活动形式'), '看护自习');
    await page.getByTestId('plan-timetable-1').getByLabel('结束时间', { exact: true }).fill('17:30');
    await page.getByLabel('非夏令时结束时间', { exact: true }).fill('17:30');
    await expect.poll(() => errorRules(page), eventually).toEqual([]);
    await page.getByTestId('plan-submit').click();
    await page.getByText('方案已提交教育局审定', { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('plan-status').textContent(), eventually).toBe('待审定');

    // ---- The bureau finds it among its schools and returns it with a comment.
    const office = await open();
    const desk = office.page;
    await logIn(office, 'bureau', DEMO_PASSWORD);
    await desk.getByTestId('home-bureau').waitFor();
    await desk.getByRole('menuitem', { name: '方案审批' }).click();
    await chooseOption(desk, desk.getByLabel('地区'), county.name);
    await desk.getByTestId(`open-plan-${school.code}`).click();
    await desk.getByTestId('plan-decision').waitFor();
    const comment = `请补充第二批离校安排，并核对阅览室容量。${digits}`;
    await desk.getByLabel('审核意见').fill(comment);
    await desk.getByRole('button', { name: '退回修改' }).click();
    await desk.getByText('方案已退回学校', { exact: true }).waitFor();
    await expect.poll(() => desk.getByTestId('plan-status').textContent(), eventually).toBe('已退回');

    // ---- The administrator reads the comment, revises and resubmits.
    await page.goto(planUrl);
    await page.getByTestId('bureau-comment').getByText(comment).waitFor();
    await expect.poll(() => page.getByTestId('plan-status').textContent(), eventually).toBe('已退回');
    await page.getByTestId('add-batch').click();
    await page.getByTestId('plan-departureBatches-1').getByLabel('离校时间').fill('17:30');
    await page.getByTestId('plan-venues-0').getByLabel('容纳人数').fill('40');
    await expect.poll(() => errorRules(page), eventually).toEqual([]);
    await page.getByRole('button', { name: '重新提交' }).click();
    await page.getByText('方案已提交教育局审定', { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('plan-status').textContent(), eventually).toBe('待审定');

    // ---- The bureau approves: first it sees what the approval publishes (B 五(一) 服务公示, issue
    // 14.7) — the date, the service days and hours, the fee, the groups and people in charge — and
    // only its confirmation publishes the notice.
    await desk.reload();
    await desk.getByTestId('plan-decision').waitFor();
    await desk.getByLabel('审核意见').fill('同意实施。');
    await desk.getByRole('button', { name: '审定通过' }).click();
    const confirm = desk.getByTestId('approve-confirm');
    await confirm.waitFor();
    await confirm.getByText('发布日期').waitFor();
    await confirm
      .getByText(/\d{4}年\d{1,2}月\d{1,2}日/)
      .first()
      .waitFor();
    await confirm.getByText('星期一、星期二、星期三、星期四').first().waitFor();
    // B 六(五): the service days begin on the region's unified start date, not on the term's first day.
    const { items } = await apiGet<{ items: { id: string; termCode: string }[] }>(
      bureau,
      `/api/schools/${ids.schoolId}/plans`,
    );
    const planId = items.find((p) => p.termCode === term.code)?.id;
    const detail = await apiGet<{ serviceDays: { firstDay: string } }>(
      bureau,
      `/api/schools/${ids.schoolId}/plans/${planId}`,
    );
    expect(detail.serviceDays.firstDay >= term.unifiedStartDate).toBe(true);
    expect(await confirm.textContent()).toContain(`${chineseDate(detail.serviceDays.firstDay)} 起至`);
    await confirm.getByText('15:40 开始；夏令时 18:00 结束，其余时间 17:30 结束').waitFor();
    await confirm.getByText('由政府统一购买', { exact: false }).waitFor();
    // No grouping saved yet: the plan's people (this plan forms no group of its own).
    await confirm.getByText('陈老师（教师）').waitFor();
    await confirm.getByTestId('in-charge').getByText('按审定的方案', { exact: false }).waitFor();
    expect(await desk.getByTestId('plan-status').textContent()).toBe('待审定');
    await settle(desk);
    await screenshot(desk, `bureau-approve-confirm-${DESKTOP.width}`, { fullPage: false });
    await desk.setViewportSize(PHONE_390);
    await settle(desk);
    await screenshot(desk, `bureau-approve-confirm-${PHONE_390.width}`, { fullPage: false });
    await desk.setViewportSize(DESKTOP);
    await desk.getByRole('button', { name: '确认审定并发布' }).click();
    await desk.getByText('方案已审定，服务公示已发布', { exact: true }).waitFor();
    await expect.poll(() => desk.getByTestId('plan-status').textContent(), eventually).toBe('已审定');
    await desk.getByTestId('plan-history').getByText('同意实施。').waitFor();
    await pictures(desk, 'bureau-plan-approved');

    // The school sees the approval and the QR code of its notice.
    await page.reload();
    await expect.poll(() => page.getByTestId('plan-status').textContent(), eventually).toBe('已审定');
    await page.getByTestId('notice-qr').waitFor();
    await pictures(page, 'school-plan-approved');

    // ---- Anyone opens the notice, without login, on a phone.
    const visitor = await open(PHONE);
    const phone = visitor.page;
    const noticeUrl = `${visitor.baseUrl}/notice/${school.code}/${term.code}`;
    await phone.goto(noticeUrl);
    await phone.getByTestId('public-notice').waitFor();
    expect(new URL(phone.url()).pathname).toBe(`/notice/${school.code}/${term.code}`);
    await phone.getByRole('heading', { name: school.name }).waitFor();
    await phone.getByText('由政府统一购买').first().waitFor();
    await phone.getByText('阅览室').first().waitFor();
    await phone.getByText('陈老师').first().waitFor();
    await phone.getByText('第 1 版', { exact: false }).first().waitFor();
    // Who is in charge: the plan's until the school saves its grouping (14.5).
    await phone.getByTestId('in-charge').getByText('按审定的方案', { exact: false }).waitFor();
    await phone.getByText(`服务开始日期`).waitFor();
    await settle(phone);
    await screenshot(phone, `notice-${PHONE.width}`);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    // On a screen the page is open already: the QR code is for paper only (issue 14.8).
    expect(await phone.getByTestId('notice-print-qr').isVisible()).toBe(false);
    await phone.emulateMedia({ media: 'print' });
    await expect.poll(() => phone.getByTestId('notice-print-qr').isVisible()).toBe(true);
    // Paper has no buttons: the apply link is for phones.
    expect(await phone.getByTestId('notice-apply').first().isVisible()).toBe(false);
    await screenshot(phone, 'notice-print');
    await phone.emulateMedia({ media: 'screen' });
    // A wrong term code is "no such notice", never "check the network": the server answered (14.15).
    await phone.goto(`${visitor.baseUrl}/notice/${school.code}/not-a-term`);
    await phone.getByTestId('notice-missing').waitFor();
    expect(await phone.getByTestId('notice-missing').textContent()).not.toContain('网络');
    await phone.goto(noticeUrl);
    await phone.getByTestId('public-notice').waitFor();
    await phone.setViewportSize(DESKTOP);
    await settle(phone);
    await screenshot(phone, `notice-${DESKTOP.width}`);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
  }, 240_000);

  it('names on the demo school’s notice the people its saved grouping and rota put in charge', async () => {
    // Issue 14.5: once the grouping and rota are saved, they are who is in charge (src/domain/in-charge.ts),
    // and the notice says so, whatever names the plan had.
    const admin = await apiLogIn('school.admin', DEMO_PASSWORD);
    const schoolId = admin.memberships.find((m) => m.role === 'school_admin')?.schoolId;
    const demo = currentTerm(new Date());
    const termCode = demoTerm(demo.schoolYearStart, demo.first).code;
    const { items } = await apiGet<{ items: { termId: string; termCode: string }[] }>(
      admin,
      `/api/schools/${schoolId}/plans`,
    );
    const termId = items.find((p) => p.termCode === termCode)?.termId;
    const grouping = await apiGet<{
      staff: { id: string; name: string }[];
      groups: { weekday: number; name: string; teacherStaffId: string | null }[];
    }>(admin, `/api/schools/${schoolId}/terms/${termId}/grouping`);
    const name = new Map(grouping.staff.map((p) => [p.id, p.name]));
    const monday = grouping.groups
      .filter((g) => g.weekday === 1)
      .map((g) => [g.name, name.get(g.teacherStaffId ?? '') ?? '待定']);
    expect(monday.length).toBeGreaterThan(0);

    const visitor = await open(PHONE_390);
    const phone = visitor.page;
    await phone.goto(`${visitor.baseUrl}/notice/9901020001/${termCode}`);
    const inCharge = phone.getByTestId('in-charge');
    await inCharge.waitFor();
    await inCharge.getByText('以学校已确定的编班和值日安排为准', { exact: false }).waitFor();
    const mondayBlock = inCharge.locator('.kn-day', { hasText: '星期一' });
    const lines = await mondayBlock.locator('li').allTextContents();
    for (const [group, leader] of monday)
      expect(
        lines.some((line) => line.includes(group as string) && line.includes(`负责教师：${leader}`)),
      ).toBe(true);
    expect(lines).toContain('值日总护导：黄主任');
    await inCharge.scrollIntoViewIfNeeded();
    await settle(phone);
    await screenshot(phone, `notice-in-charge-${PHONE_390.width}`);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
  }, 60_000);

  it('shows every new page at 1440 and 375 px', async () => {
    const office = await open();
    const desk = office.page;
    await logIn(office, 'bureau', DEMO_PASSWORD);
    await desk.getByTestId('home-bureau').waitFor();
    const region = `?region=${ids.countyId}`;
    await desk.goto(`${office.baseUrl}/bureau/policy${region}`);
    await desk.getByTestId('policy-history').getByText('第 1 版').waitFor();
    await pictures(desk, 'bureau-policy');

    // F-01: a change shows against the version in force before it is published from a date.
    await desk.getByLabel('每课时劳务费', { exact: true }).fill('60');
    const changes = desk.getByTestId('policy-changes');
    await changes.getByText('¥50.00').waitFor();
    await changes.getByText('¥60.00').waitFor();
    await pickDate(desk.locator('form'), '生效日期', addDays(today, 1));
    await changes.getByRole('button', { name: '发布新版本' }).click();
    await desk.locator('.ant-popconfirm').getByRole('button', { name: '发布新版本' }).click();
    await desk.getByText('已发布第 2 版', { exact: true }).waitFor();
    const history = desk.getByTestId('policy-history');
    await history.getByText('第 2 版').waitFor();
    await history.getByText('待生效').waitFor();
    await pictures(desk, 'bureau-policy-published');
    await desk.goto(`${office.baseUrl}/bureau/terms${region}`);
    await desk.getByText(term.name).waitFor();
    await pictures(desk, 'bureau-terms');
    await desk.goto(`${office.baseUrl}/bureau/calendar${region}`);
    await desk.getByText('本地区设置').first().waitFor();
    await pictures(desk, 'bureau-calendar');
    // A year the holiday package lacks: its statutory holidays are provisional until confirmed.
    const nextYear = Number(today.slice(0, 4)) + 1;
    await chooseOption(desk, desk.getByLabel('年份'), `${nextYear} 年`);
    const newYear = desk.locator('tr', { hasText: `${nextYear}年1月1日` }).first();
    if (nextYear > 2026) {
      await newYear.getByRole('button', { name: '确认' }).click();
      await newYear.getByText('已确认').waitFor();
    }
    await pictures(desk, 'bureau-calendar-next-year');
    await desk.goto(`${office.baseUrl}/bureau/plans`);
    await desk.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    // The demo school's waitlisted children show as the coverage gap (C 应托尽托), in the demo term
    // (the page opens on the term in progress, which may be the journey's own test term).
    await chooseOption(desk, desk.getByLabel('学期'), currentTerm(new Date()).term);
    await desk.getByTestId('waitlisted-9901020001').waitFor();
    expect(await desk.getByTestId('waitlisted-9901020001').textContent()).toMatch(/候补 [1-9]\d*/);
    await pictures(desk, 'bureau-plans');
    // A demo plan, as the bureau reviews it.
    await desk.locator('[data-testid^="open-plan-"]').first().click();
    await desk.getByTestId('plan-view').waitFor();
    await pictures(desk, 'bureau-plan-review');

    const school1 = await open();
    const page = school1.page;
    await logIn(school1, admin.username, admin.password);
    await page.getByTestId('home-school_admin').waitFor();
    await page.goto(`${school1.baseUrl}/school/plans`);
    await page.getByText(term.name).waitFor();
    await pictures(page, 'school-plans');
    await page.goto(`${school1.baseUrl}/school/no-service-days`);
    await page.getByRole('heading', { name: '停课日' }).waitFor();
    const exam = addDays(today, 14);
    await pickDate(page.locator('form'), '日期', exam);
    await page.getByLabel('原因', { exact: true }).fill('期中考试');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '保存' }).click();
    // The page opens on the month grid (issue 14.16); the list shows the day with its reason.
    await page.goto(`${school1.baseUrl}/school/no-service-days?view=list`);
    await page.locator('.ant-table-tbody').getByText('期中考试').waitFor();
    await pictures(page, 'school-no-service-days');
  }, 120_000);
});

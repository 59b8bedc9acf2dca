// The plan flow through the API (F-02, F-03, F-05): a school admin drafts, saves with findings, fixes,
// submits; the bureau returns with a comment; the admin revises and resubmits; the bureau approves and
// the notice is public; an amendment gives notice version 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import {
  buildMember,
  buildPolicyVersion,
  buildRegion,
  buildSchool,
  buildTerm,
  type RegionRow,
  type SchoolRow,
  sampleTermPlan,
} from '../../../../test/factories.js';
import type { TermPlan } from '../../../domain/plan.js';

describe('school plans (一校一案) through review to the public notice', () => {
  let t: TestApp;
  let county: RegionRow;
  let school: SchoolRow;
  let otherSchool: SchoolRow;
  let autumnId: string;
  let springId: string;
  let planId: string;
  const ids: Record<string, string> = {};
  let admin: SignedIn;
  let bureau: SignedIn;
  let otherBureau: SignedIn;

  async function signInAll() {
    admin = await signIn(t, ids.admin as string);
    bureau = await signIn(t, ids.bureau as string);
    otherBureau = await signIn(t, ids.otherBureau as string);
  }
  // Each step a minute later, so that the history has an order.
  const tick = () => t.clock.advance(60_000);

  beforeAll(async () => {
    t = await buildTestApp(); // 2026-11-30 in Shanghai
    const db = t.database.db;
    const city = await buildRegion(db, { level: 'city' });
    county = await buildRegion(db, { parent: city });
    const otherCounty = await buildRegion(db, { parent: await buildRegion(db, { level: 'city' }) });
    await buildPolicyVersion(db, county, { model: '5+2' });
    autumnId = (await buildTerm(db, city, { code: '2026-2027-1' })).termId;
    springId = (
      await buildTerm(db, city, {
        code: '2026-2027-2',
        firstDay: '2027-02-22',
        lastDay: '2027-07-09',
        unifiedStartDate: '2027-03-01',
      })
    ).termId;
    school = await buildSchool(db, { region: county, name: '东湖实验小学' });
    otherSchool = await buildSchool(db, { region: county });
    await t.database.pool.query(
      `update schools set address = '东湖路1号', phone = '0990-5550001' where school_id = $1`,
      [school.schoolId],
    );
    ids.admin = (await buildMember(db, 'school_admin', { school })).user.id;
    ids.bureau = (await buildMember(db, 'bureau', { region: county })).user.id;
    ids.otherBureau = (await buildMember(db, 'bureau', { region: otherCounty })).user.id;
    await t.database.pool.query(`update users set display_name = '王科长' where id = $1`, [ids.bureau]);
    await signInAll();
  });
  afterAll(async () => {
    await t.close();
  });

  const url = (suffix = '') => `/api/schools/${school.schoolId}/plans${suffix}`;
  const planUrl = (suffix = '') => url(`/${planId}${suffix}`);
  const save = (revision: number, content: TermPlan, who = admin) =>
    who.request({ method: 'PUT', url: planUrl(), payload: { revision, content } });
  const act = (action: string, payload: object, who: SignedIn) =>
    who.request({ method: 'POST', url: planUrl(`/${action}`), payload });
  const publicNotice = (termCode = '2026-2027-1') =>
    t.app.inject({ method: 'GET', url: `/api/public/notices/${school.code}/${termCode}` });
  const ruleIds = (findings: { ruleId: string; severity: string }[], severity = 'error') =>
    findings
      .filter((f) => f.severity === severity)
      .map((f) => f.ruleId)
      .sort();
  const auditCount = async (action: string) =>
    (
      await t.database.pool.query(
        'select count(*)::int as n from audit_log where action = $1 and scope_school_id = $2',
        [action, school.schoolId],
      )
    ).rows[0].n as number;

  // A plan breaking two rules: a teacher without a responsibility letter (A 三.1) and a session of
  // collective tutoring (B 三, B 六(二)).
  const twoViolations = (): TermPlan => {
    const plan = sampleTermPlan();
    (plan.staff[0] as TermPlan['staff'][number]).responsibilityLetter = null;
    (plan.timetable[1] as TermPlan['timetable'][number]).kind = 'collective_tutoring';
    return plan;
  };

  it('creates a draft from the policy when the school has no earlier plan', async () => {
    const res = await admin.request({ method: 'POST', url: url(), payload: { termId: autumnId } });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    planId = plan.id;
    expect(plan.status).toBe('draft');
    expect(plan.revision).toBe(1);
    // C 1: 每周5天; the end time off-work 17:30 + 30 min; the school's grades the policy serves.
    expect(plan.content.weekdays).toEqual([1, 2, 3, 4, 5]);
    expect(plan.content.endTimes).toEqual({ summer: '18:00', other: '18:00' });
    expect(plan.content.grades).toEqual([1, 2, 3, 4, 5, 6]);
    expect(plan.policyVersion.version).toBe(1);
    expect(plan.policyVersion.policy.model).toBe('5+2');
    expect(plan.canSubmit).toBe(false);
    expect(ruleIds(plan.findings)).toEqual(
      expect.arrayContaining(['hours.too-few', 'contacts.emergency', 'insurance.uncovered']),
    );
    // The term reaches 2027, which the holiday package lacks: flagged until the region confirms.
    expect(plan.serviceDays.yearsLackingData).toEqual([2027]);
    expect(ruleIds(plan.findings, 'warning')).toContain('calendar.provisional-holidays');
    // B 六(五): service starts on the term's unified start date, not on its first day (issue 14.7).
    expect(plan.serviceDays.firstDay).toBe('2026-09-07');
    // Serving every weekday, the plan serves the National Day make-up working days by the default rule.
    expect(plan.serviceDays.makeUpDays).toEqual([
      { date: '2026-09-20', weekday: 7, timetableWeekday: null },
      { date: '2026-10-10', weekday: 6, timetableWeekday: null },
    ]);
    expect(plan.serviceDays.excluded.find((d: { date: string }) => d.date === '2026-10-01').label.zh).toBe(
      '国庆节',
    );
    expect(plan.history).toEqual([]);
    expect(plan.notice).toBeNull();
  });

  it('allows one plan per term', async () => {
    const res = await admin.request({ method: 'POST', url: url(), payload: { termId: autumnId } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('PLAN_EXISTS');
  });

  it('saves a plan that breaks two rules and shows both findings with their clauses', async () => {
    tick();
    const res = await save(1, twoViolations());
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan.revision).toBe(2);
    const errors = plan.findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(
      errors.map((f: { ruleId: string; clause: string; field: string }) => [f.ruleId, f.clause, f.field]),
    ).toEqual([
      ['activity.forbidden-kind', 'B 三, B 六(二)', 'timetable[1].kind'],
      ['staff.letter', 'A 三.1', 'staff[0].responsibilityLetter'],
    ]);
    expect(errors[1].message.zh).toContain('陈老师');
    expect(plan.canSubmit).toBe(false);
    // B 五(三): every listed staff member on every planned day, 2 class hours a day (5+2) at 50 yuan.
    expect(plan.laborCost.totalFen).toBe(plan.serviceDays.count * 2 * 2 * 5000);
  });

  it('refuses to submit while errors remain, listing them, and changes nothing', async () => {
    const res = await act('submit', { revision: 2 }, admin);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('PLAN_HAS_ERRORS');
    expect(res.json().message).toMatch(/[\u4e00-\u9fff].* \/ .*errors/);
    expect(ruleIds(res.json().details.findings)).toEqual(['activity.forbidden-kind', 'staff.letter']);
    const plan = (await admin.request({ method: 'GET', url: planUrl() })).json();
    expect(plan.status).toBe('draft');
    expect(plan.history).toEqual([]);
  });

  it('refuses a save from a stale revision (409) and keeps the newer content', async () => {
    const res = await save(1, sampleTermPlan());
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('PLAN_CHANGED');
    expect(res.json().details.revision).toBe(2);
    const plan = (await admin.request({ method: 'GET', url: planUrl() })).json();
    expect(plan.revision).toBe(2);
    expect(plan.content.timetable[1].kind).toBe('collective_tutoring');
  });

  it('fixes both and submits (B 六(五) 报市教育局审定)', async () => {
    tick();
    const fixed = await save(2, sampleTermPlan());
    expect(fixed.statusCode).toBe(200);
    expect(ruleIds(fixed.json().findings)).toEqual([]);
    expect(fixed.json().canSubmit).toBe(true);
    expect((await publicNotice()).statusCode).toBe(404);
    tick();
    const res = await act('submit', { revision: 3 }, admin);
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan.status).toBe('submitted');
    expect(plan.submittedAt).not.toBeNull();
    expect(plan.history).toHaveLength(1);
    expect(plan.history[0]).toMatchObject({ action: 'submit', revision: 3, comment: null });
    const { rows } = await t.database.pool.query('select policy_version_id from plans where plan_id = $1', [
      planId,
    ]);
    expect(rows[0].policy_version_id).toBe(plan.policyVersion.versionId);
    // Submitted: the school cannot change it any more.
    const edit = await save(3, sampleTermPlan({ expectedStudents: 40 }));
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error).toBe('PLAN_WRONG_STATUS');
    expect((await publicNotice()).statusCode).toBe(404);
  });

  it('lets only the bureau of the school’s region review it', async () => {
    expect((await act('approve', { revision: 3 }, admin)).statusCode).toBe(403);
    expect((await act('return', { revision: 3, comment: '不行' }, admin)).statusCode).toBe(403);
    expect((await otherBureau.request({ method: 'GET', url: planUrl() })).statusCode).toBe(403);
    expect((await act('approve', { revision: 3 }, otherBureau)).statusCode).toBe(403);
    expect((await bureau.request({ method: 'GET', url: planUrl() })).statusCode).toBe(200);
  });

  it('returns it with a required comment', async () => {
    const bare = await act('return', { revision: 3 }, bureau);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().details.fields[0].path).toBe('body.comment');
    tick();
    const res = await act('return', { revision: 3, comment: '请增加一个离校批次（弹性离校）。' }, bureau);
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan.status).toBe('returned');
    expect(plan.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'return']);
    expect(plan.history[1]).toMatchObject({
      comment: '请增加一个离校批次（弹性离校）。',
      actorName: '王科长',
      revision: 3,
    });
    // Returned, not submitted: neither return nor approval again.
    expect((await act('approve', { revision: 3 }, bureau)).json().error).toBe('PLAN_WRONG_STATUS');
  });

  it('takes the revision, the resubmission and the approval, which publishes notice version 1', async () => {
    tick();
    const revised = sampleTermPlan();
    revised.departureBatches.push({ name: '第三批', time: '17:30' });
    const saved = await save(3, revised);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().status).toBe('returned');
    tick();
    expect((await act('submit', { revision: 4 }, admin)).json().status).toBe('submitted');
    // The bureau approves the content it read: an older revision is refused.
    expect((await act('approve', { revision: 3 }, bureau)).json().error).toBe('PLAN_CHANGED');
    tick();
    const res = await act('approve', { revision: 4, comment: '同意实施。' }, bureau);
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan.status).toBe('approved');
    expect(plan.notice.version).toBe(1);
    expect(plan.history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'return',
      'submit',
      'approve',
    ]);
  });

  it('renders the notice publicly without login, and nothing internal', async () => {
    const res = await publicNotice();
    expect(res.statusCode, res.body).toBe(200);
    const notice = res.json();
    expect(notice.version).toBe(1);
    expect(notice.school).toEqual({
      code: school.code,
      name: '东湖实验小学',
      address: '东湖路1号',
      phone: '0990-5550001',
    });
    expect(notice.term.code).toBe('2026-2027-1');
    expect(notice.term.startsOn).toBe('2026-09-07');
    expect(notice.schedule).toHaveLength(5);
    expect(notice.schedule[0].sessions.map((s: { activity: string; venue: string }) => s.venue)).toEqual([
      '一楼阅览室',
      '一楼阅览室',
    ]);
    expect(notice.departureBatches.map((b: { time: string }) => b.time)).toEqual(['17:00', '17:30', '18:00']);
    expect(notice.staff.map((s: { name: string }) => s.name)).toEqual(['陈老师', '黄主任']);
    expect(notice.fees.free).toBe(true);
    expect(notice.fees.text.zh).toContain('政府统一购买');
    expect(notice.fees.clause).toBe('B 四(二)');
    expect(notice.contacts.principalOfficePhone).toBe('0990-5551001');
    expect(notice.contacts.emergency[0]).toEqual({ name: '林校长', role: '组长', phone: '13800138000' });
    expect(notice.application.withdraw.zh).toContain('下一个服务日');
    const body = res.body;
    expect(body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    for (const internal of ['PICC-2026-001', 'responsibilityLetter', 'safetyInspection', '"t1"', '"v1"'])
      expect(body).not.toContain(internal);
    // Only approved plans publish: another school and an unknown term are not found.
    const other = await t.app.inject({ url: `/api/public/notices/${otherSchool.code}/2026-2027-1` });
    expect(other.statusCode).toBe(404);
    expect((await publicNotice('2026-2027-2')).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/public/notices/${school.code}/autumn` })).statusCode).toBe(400);
  });

  it('answers the notice alike when a session cookie is sent, however stale', async () => {
    const signedIn = await admin.request({
      method: 'GET',
      url: `/api/public/notices/${school.code}/2026-2027-1`,
    });
    expect(signedIn.statusCode).toBe(200);
    const bogus = await t.app.inject({
      url: `/api/public/notices/${school.code}/2026-2027-1`,
      headers: { cookie: 'kehou_sid=not-a-session' },
    });
    expect(bogus.statusCode).toBe(200);
  });

  it('amends the approved plan: the notice stays at version 1 until approval gives version 2', async () => {
    tick();
    const reopened = await act('reopen', { revision: 4, comment: '更换教师' }, admin);
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().status).toBe('draft');
    // The reopening and its reason stand in the plan's history.
    expect(reopened.json().history.at(-1)).toEqual(
      expect.objectContaining({ action: 'reopen', comment: '更换教师' }),
    );
    expect((await publicNotice()).json().version).toBe(1);
    const amended = sampleTermPlan();
    (amended.staff[0] as TermPlan['staff'][number]).name = '陈晓老师';
    tick();
    expect((await save(4, amended)).statusCode).toBe(200);
    tick();
    expect((await act('submit', { revision: 5 }, admin)).statusCode).toBe(200);
    tick();
    const approved = await act('approve', { revision: 5 }, bureau);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().notice.version).toBe(2);
    const notice = (await publicNotice()).json();
    expect(notice.version).toBe(2);
    expect(notice.staff[0].name).toBe('陈晓老师');
    const { rows } = await t.database.pool.query(
      'select version from notices where plan_id = $1 order by version',
      [planId],
    );
    expect(rows.map((r: { version: number }) => r.version)).toEqual([1, 2]);
  });

  it('records every write in the audit log', async () => {
    expect(await auditCount('plan.create')).toBe(1);
    expect(await auditCount('plan.save')).toBe(4);
    expect(await auditCount('plan.submit')).toBe(3);
    expect(await auditCount('plan.return')).toBe(1);
    expect(await auditCount('plan.approve')).toBe(2);
    expect(await auditCount('plan.reopen')).toBe(1);
  });

  it('lists the school’s plans, and the bureau’s schools with their status', async () => {
    const mine = await admin.request({ method: 'GET', url: url() });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toEqual([
      expect.objectContaining({ id: planId, termCode: '2026-2027-1', status: 'approved', noticeVersion: 2 }),
    ]);
    const all = await bureau.request({
      method: 'GET',
      url: `/api/regions/${county.id}/plans?termCode=2026-2027-1`,
    });
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json();
    expect(body.termCode).toBe('2026-2027-1');
    expect(body.term).toEqual({
      code: '2026-2027-1',
      name: '2026–2027学年第一学期',
      firstDay: '2026-09-01',
      lastDay: '2027-01-22',
    });
    const bySchool = Object.fromEntries(
      body.items.map((i: { schoolId: string; status: string }) => [i.schoolId, i.status]),
    );
    expect(bySchool).toEqual({ [school.schoolId]: 'approved', [otherSchool.schoolId]: 'none' });
    expect(body.counts).toEqual({ none: 1, draft: 0, submitted: 0, returned: 0, approved: 1 });
    const none = await bureau.request({ method: 'GET', url: `/api/regions/${county.id}/plans?status=none` });
    // Without a term code: the term in progress today (2026-11-30 is in the autumn term).
    expect(none.json().termCode).toBe('2026-2027-1');
    expect(none.json().term.firstDay).toBe('2026-09-01');
    const unknown = await bureau.request({
      method: 'GET',
      url: `/api/regions/${county.id}/plans?termCode=2030-2031-1`,
    });
    expect(unknown.json()).toMatchObject({ termCode: '2030-2031-1', term: null });
    expect(none.json().items.map((i: { schoolId: string }) => i.schoolId)).toEqual([otherSchool.schoolId]);
    expect((await admin.request({ method: 'GET', url: `/api/regions/${county.id}/plans` })).statusCode).toBe(
      403,
    );
    expect(
      (await otherBureau.request({ method: 'GET', url: `/api/regions/${county.id}/plans` })).statusCode,
    ).toBe(403);
  });

  it('starts the next term’s plan from this one', async () => {
    tick();
    const res = await admin.request({ method: 'POST', url: url(), payload: { termId: springId } });
    expect(res.statusCode, res.body).toBe(201);
    const spring = res.json();
    expect(spring.status).toBe('draft');
    expect(spring.content.staff[0].name).toBe('陈晓老师');
    expect(spring.content.departureBatches).toHaveLength(2);
    expect(spring.term.code).toBe('2026-2027-2');
    // B 六(五): from the spring term's unified start date.
    expect(spring.serviceDays.firstDay).toBe('2027-03-01');
  });
});

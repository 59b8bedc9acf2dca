// Issue 14.5: once the school saves its grouping and duty rota, the public notice names the people who
// actually lead the groups and are on duty (src/domain/in-charge.ts), and the plan page reports each
// place where the plan says otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../../../../test/app.js';
import {
  buildMember,
  buildNotice,
  buildPlan,
  buildPolicyVersion,
  buildRegion,
  buildSchool,
  buildServiceGroup,
  buildStaff,
  buildTerm,
  type SchoolRow,
  sampleTermPlan,
} from '../../../../test/factories.js';
import { dutyAssignments } from '../../../db/schema.js';
import type { PublicNotice } from '../../../domain/notice.js';

describe('the public notice and the plan follow the saved grouping and rota', () => {
  let t: TestApp;
  let school: SchoolRow;
  let termId: string;
  let termCode: string;
  let planId: string;
  beforeAll(async () => {
    t = await buildTestApp({ logger: { level: 'error' } });
    const { db } = t.database;
    const county = await buildRegion(db, { parent: await buildRegion(db, { level: 'city' }) });
    await buildPolicyVersion(db, county, { model: '5+2' });
    const term = await buildTerm(db, county, { code: '2026-2027-1' });
    termId = term.termId;
    termCode = term.code;
    school = await buildSchool(db, { region: county });
    // The plan names 陈老师 (t1) at the head of its one group, and 黄主任 (m1) as its manager.
    planId = (await buildPlan(db, school, termId, { status: 'approved', content: sampleTermPlan() })).planId;
    await buildNotice(db, school, planId);
  });
  afterAll(async () => {
    await t.close();
  });

  const notice = async (): Promise<PublicNotice> => {
    const res = await t.app.inject({ url: `/api/public/notices/${school.code}/${termCode}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('names the people in charge: the plan’s before, the grouping’s and rota’s once saved', async () => {
    const before = await notice();
    expect(before.inCharge.groupsFrom).toBe('plan');
    expect(before.staff.map((p) => p.name)).toEqual(['陈老师', '黄主任']);
    expect(before.schedule[0]?.sessions[0]?.staff).toEqual(['陈老师']);

    const { db } = t.database;
    const liu = await buildStaff(db, school, { name: '刘老师' });
    const he = await buildStaff(db, school, { name: '何主任', kind: 'manager' });
    const sun = await buildStaff(db, school, { name: '孙主任', kind: 'manager' });
    for (const weekday of [1, 2, 3, 4, 5])
      await buildServiceGroup(db, school, {
        termId,
        weekday,
        name: '1年级1组',
        grades: [1],
        teacherStaffId: liu.staffId,
      });
    await db.insert(dutyAssignments).values([
      { schoolId: school.schoolId, termId, weekday: 1, staffId: he.staffId, duty: 'duty_chief' },
      { schoolId: school.schoolId, termId, weekday: 1, staffId: sun.staffId, duty: 'manager' },
    ]);

    const after = await notice();
    expect(after.inCharge.groupsFrom).toBe('grouping');
    expect(after.inCharge.rotaSaved).toBe(true);
    expect(after.inCharge.days[0]).toEqual({
      weekday: 1,
      groups: [{ name: '1年级1组', grades: [1], venue: '一楼阅览室', leader: '刘老师' }],
      dutyChief: '何主任',
      managers: ['孙主任'],
    });
    expect(after.schedule.every((d) => d.sessions.every((s) => s.staff.join() === '刘老师'))).toBe(true);
    expect(after.staff.map((p) => [p.name, p.role.zh])).toEqual([
      ['刘老师', '教师'],
      ['何主任', '值日总护导'],
      ['孙主任', '管理人员'],
    ]);
    // The people the plan named and the staff records' ids are nowhere on it.
    const text = JSON.stringify(after);
    for (const hidden of ['陈老师', '黄主任', liu.staffId, he.staffId]) expect(text).not.toContain(hidden);

    // The school's plan page: each disagreement with its clause, as a warning (the plan stays valid).
    const admin = await buildMember(db, 'school_admin', { school });
    const session = await signIn(t, admin.user.id);
    const res = await session.request({ url: `/api/schools/${school.schoolId}/plans/${planId}` });
    expect(res.statusCode, res.body).toBe(200);
    const charge = (res.json().findings as { ruleId: string; severity: string; clause: string }[]).filter(
      (f) => f.ruleId.startsWith('charge.'),
    );
    expect(charge.map((f) => [f.ruleId, f.severity, f.clause])).toEqual([
      ['charge.leader-not-in-plan', 'warning', 'A 三.1'],
      ['charge.plan-teacher-leads-none', 'warning', 'A 二'],
      ['charge.manager-not-in-plan', 'warning', 'B 五(三)'],
    ]);
  });
});

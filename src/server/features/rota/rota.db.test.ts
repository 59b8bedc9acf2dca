// The duty rota (F-10) through the API: the week's grid with hours, and saving the duty chief and
// managers per weekday — refused as a whole, with nothing changed, when a duty breaks a rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import {
  buildEnrollment,
  buildMember,
  buildNotice,
  buildPlan,
  buildPolicyVersion,
  buildSchool,
  buildServiceGroup,
  buildStaff,
  buildStudent,
  buildTerm,
  type SchoolRow,
} from '../../../../test/factories.js';
import { groupMembers } from '../../../db/schema.js';

describe('duty rota (F-10)', () => {
  let t: TestApp;
  let school: SchoolRow;
  let admin: SignedIn;
  let teacher: SignedIn;
  let url: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    school = await buildSchool(db);
    await buildPolicyVersion(db, school.region); // 5+2: pickup grace 15 minutes
    const term = await buildTerm(db, school.region);
    // Sample plan: Monday to Friday, 15:40–18:00, end 18:00 in both seasons.
    const plan = await buildPlan(db, school, term.termId, { status: 'approved' });
    await buildNotice(db, school, plan.planId);
    admin = await signIn(t, (await buildMember(db, 'school_admin', { school })).user.id);
    const teacherUser = (await buildMember(db, 'care_teacher', { school })).user.id;
    teacher = await signIn(t, teacherUser);
    ids.chief = (await buildStaff(db, school, { name: '黄主任', kind: 'manager' })).staffId;
    ids.manager = (await buildStaff(db, school, { name: '杨主任', kind: 'manager' })).staffId;
    ids.teacher = (await buildStaff(db, school, { name: '陈老师', userId: teacherUser })).staffId;
    ids.expired = (
      await buildStaff(db, school, {
        name: '吴老师',
        letter: { signedOn: '2025-08-25', validUntil: '2026-08-24' },
      })
    ).staffId;
    // A letter that ends before the term does: not assignable for the term (A 三.1).
    ids.short = (
      await buildStaff(db, school, {
        name: '孙老师',
        letter: { signedOn: '2026-08-25', validUntil: '2026-12-31' },
      })
    ).staffId;
    ids.monThu = (await buildStaff(db, school, { name: '刘老师', weekdays: [1, 4] })).staffId;
    ids.archived = (await buildStaff(db, school, { name: '何老师' })).staffId;
    await t.database.pool.query('update staff set archived_at = now() where staff_id = $1', [ids.archived]);
    ids.foreign = (await buildStaff(db, await buildSchool(db), { name: '外校老师' })).staffId;
    for (const weekday of [1, 2, 3, 4, 5])
      await buildServiceGroup(db, school, {
        termId: term.termId,
        weekday,
        name: '一组',
        teacherStaffId: ids.teacher,
      });
    url = `/api/schools/${school.schoolId}/terms/${term.termId}/rota`;
  });
  afterAll(async () => {
    await t.close();
  });

  const duties = async () =>
    (
      await t.database.pool.query(
        'select weekday, staff_id, duty from duty_assignments where school_id = $1 order by weekday, duty, staff_id',
        [school.schoolId],
      )
    ).rows;
  const saves = async () =>
    (await t.database.pool.query(`select count(*)::int as n from audit_log where action = 'rota.save'`))
      .rows[0].n;

  const week = (
    chief: string,
    overrides: Record<number, { dutyChiefStaffId?: string | null; managerStaffIds?: string[] }> = {},
  ) => ({
    days: [1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      dutyChiefStaffId: chief,
      managerStaffIds: [ids.manager as string],
      ...overrides[weekday],
    })),
  });

  it('shows the week with its groups and teachers, and a problem for every day without a duty chief (A 三.6)', async () => {
    const res = await admin.request({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    const rota = res.json();
    expect(rota.serviceWeekdays).toEqual([1, 2, 3, 4, 5]);
    expect(rota.days[0]).toMatchObject({
      weekday: 1,
      start: '15:40',
      end: { other: '18:00', summer: '18:00' },
      groups: [{ name: '一组', teacher: { staffId: ids.teacher, name: '陈老师' }, venueName: '一楼阅览室' }],
      dutyChief: null,
      managers: [],
    });
    expect(rota.problems.filter((p: { code: string }) => p.code === 'no_duty_chief')).toHaveLength(5);
    expect(rota.problems[0].clause).toBe('A 三.6');
    expect(rota.editable).toBe(true);
    // Assignable: a letter covering the term (from today, 2026-11-30, to 2027-01-22) and the weekday.
    const options = Object.fromEntries(
      rota.staff.map((s: { staffId: string; assignableWeekdays: number[] }) => [
        s.staffId,
        s.assignableWeekdays,
      ]),
    );
    expect(options[ids.chief as string]).toEqual([1, 2, 3, 4, 5]);
    expect(options[ids.monThu as string]).toEqual([1, 4]);
    expect(options[ids.expired as string]).toEqual([]);
    expect(options[ids.short as string]).toEqual([]);
    expect(options[ids.archived as string]).toBeUndefined();
    // The teacher: five days of 15:40–18:00.
    const hours = rota.hours.find((h: { staffId: string }) => h.staffId === ids.teacher);
    expect(hours.minutesPerWeek).toEqual({ other: 700, summer: 700 });
  });

  it('saves a duty chief and a manager per weekday in one go, audited, with the hours', async () => {
    const res = await admin.request({ method: 'PUT', url, payload: week(ids.chief as string) });
    expect(res.statusCode, res.body).toBe(200);
    const rota = res.json();
    expect(rota.days.map((d: { dutyChief: { name: string } }) => d.dutyChief.name)).toEqual(
      Array(5).fill('黄主任'),
    );
    expect(rota.problems.filter((p: { code: string }) => p.code === 'no_duty_chief')).toEqual([]);
    // Duty chief: 15:40 to 18:00 plus the 15-minute hand-over = 155 minutes a day.
    const chief = rota.hours.find((h: { staffId: string }) => h.staffId === ids.chief);
    expect(chief.minutesPerWeek.other).toBe(775);
    expect(chief.days[0].roles).toEqual(['duty_chief']);
    expect(await duties()).toHaveLength(10);
    expect(await saves()).toBe(1);
    // The care teacher sees it (read-only) on the current-term address.
    const current = await teacher.request({
      method: 'GET',
      url: `/api/schools/${school.schoolId}/rota/current`,
    });
    expect(current.statusCode).toBe(200);
    expect(current.json().editable).toBe(false);
    expect(current.json().days[0].dutyChief.staffId).toBe(ids.chief);
  });

  it.each([
    [
      'a person without a letter in force',
      () => week(ids.chief as string, { 2: { dutyChiefStaffId: ids.expired } }),
      'no_letter',
    ],
    [
      'a letter ending before the term',
      () => week(ids.chief as string, { 3: { managerStaffIds: [ids.short as string] } }),
      'no_letter',
    ],
    [
      'a weekday the person does not serve',
      () => week(ids.chief as string, { 2: { managerStaffIds: [ids.monThu as string] } }),
      'not_available',
    ],
    [
      'the chief also a manager that day',
      () => week(ids.chief as string, { 5: { managerStaffIds: [ids.chief as string] } }),
      'role_conflict',
    ],
    [
      'a group teacher as the chief that day',
      () => week(ids.chief as string, { 1: { dutyChiefStaffId: ids.teacher } }),
      'role_conflict',
    ],
    [
      'an archived person',
      () => week(ids.chief as string, { 4: { dutyChiefStaffId: ids.archived } }),
      'archived',
    ],
    [
      'another school’s staff',
      () => week(ids.chief as string, { 4: { dutyChiefStaffId: ids.foreign } }),
      'unknown_staff',
    ],
    [
      'a day the plan does not serve',
      () => ({
        days: [
          ...week(ids.manager as string).days,
          { weekday: 6, dutyChiefStaffId: ids.chief, managerStaffIds: [] },
        ],
      }),
      'not_service_day',
    ],
  ])('refuses %s, changing nothing', async (_name, body, code) => {
    const before = await duties();
    const audits = await saves();
    const res = await admin.request({ method: 'PUT', url, payload: body() });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toBe('ROTA_INVALID');
    expect(res.json().details.problems.map((p: { code: string }) => p.code)).toContain(code);
    expect(res.json().message).toContain(' / ');
    expect(await duties()).toEqual(before);
    expect(await saves()).toBe(audits);
  });

  it('refuses two chiefs for one weekday (the same weekday twice) and a person twice as manager', async () => {
    const before = await duties();
    const twice = await admin.request({
      method: 'PUT',
      url,
      payload: {
        days: [
          { weekday: 1, dutyChiefStaffId: ids.chief, managerStaffIds: [] },
          { weekday: 1, dutyChiefStaffId: ids.manager, managerStaffIds: [] },
        ],
      },
    });
    expect(twice.statusCode).toBe(400);
    const dup = await admin.request({
      method: 'PUT',
      url,
      payload: {
        days: [{ weekday: 1, dutyChiefStaffId: ids.chief, managerStaffIds: [ids.manager, ids.manager] }],
      },
    });
    expect(dup.statusCode).toBe(400);
    expect(await duties()).toEqual(before);
  });

  it('saves a partial week (a day still without a chief is shown, not refused) and clears days left out', async () => {
    const res = await admin.request({
      method: 'PUT',
      url,
      payload: { days: [{ weekday: 1, dutyChiefStaffId: ids.monThu, managerStaffIds: [] }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await duties()).toEqual([{ weekday: 1, staff_id: ids.monThu, duty: 'duty_chief' }]);
    expect(
      res
        .json()
        .problems.filter((p: { code: string }) => p.code === 'no_duty_chief')
        .map((p: { weekday: number }) => p.weekday),
    ).toEqual([2, 3, 4, 5]);
  });

  it('counts the children of each group and weekday, and shows a reader their own record', async () => {
    const db = t.database.db;
    const [group] = (
      await t.database.pool.query(
        'select group_id, term_id from service_groups where school_id = $1 and weekday = 1',
        [school.schoolId],
      )
    ).rows;
    const [plan] = (
      await t.database.pool.query('select plan_id from plans where school_id = $1', [school.schoolId])
    ).rows;
    const guardian = await buildMember(db, 'guardian', { school });
    for (const weekdays of [[1, 2], [2], [1, 4]]) {
      const child = await buildStudent(db, school);
      const { enrollment } = await buildEnrollment(db, school, {
        termId: group.term_id,
        planId: plan.plan_id,
        studentId: child.studentId,
        guardianUserId: guardian.user.id,
        weekdays,
      });
      if (weekdays.includes(1))
        await db.insert(groupMembers).values({
          schoolId: school.schoolId,
          groupId: group.group_id,
          enrollmentId: enrollment.enrollmentId,
          termId: group.term_id,
          weekday: 1,
        });
    }
    const res = await teacher.request({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    const rota = res.json();
    expect(rota.days.map((d: { enrolled: number }) => d.enrolled)).toEqual([2, 2, 0, 1, 0]);
    expect(rota.days[0].groups[0].enrolled).toBe(2);
    expect(rota.days[1].groups[0].enrolled).toBe(0);
    expect(rota.me).toBe(ids.teacher);
    expect((await admin.request({ method: 'GET', url })).json().me).toBeNull();
  });

  it('has no rota before the term’s plan is approved', async () => {
    const db = t.database.db;
    const other = await buildSchool(db);
    await buildPolicyVersion(db, other.region);
    const term = await buildTerm(db, other.region);
    await buildPlan(db, other, term.termId, { status: 'submitted' });
    const otherAdmin = await signIn(t, (await buildMember(db, 'school_admin', { school: other })).user.id);
    const res = await otherAdmin.request({
      method: 'GET',
      url: `/api/schools/${other.schoolId}/terms/${term.termId}/rota`,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('NO_APPROVED_PLAN');
  });
});

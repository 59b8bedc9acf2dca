// Worlds for the daily-operation tests (issue 5). The fake clock stands at Monday 2026-11-30 15:30 in
// Shanghai, a service day of the sample plan (weekdays 1–5, batches 第一批 17:00 and 第二批 18:00,
// end 18:00) in a term running 2026-09-01 … 2027-01-22 with the unified start 2026-09-07.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../src/db/connect.js';
import {
  dutyAssignments,
  enrollments,
  groupMembers,
  guardianships,
  notices,
  pickupPersons,
  plans,
  schoolMemberships,
} from '../src/db/schema.js';
import type { World } from './authorization.js';
import {
  buildEnrollment,
  buildMember,
  buildPlan,
  buildPolicyVersion,
  buildSchool,
  buildServiceGroup,
  buildStaff,
  buildStudent,
  buildTerm,
  buildUser,
  type SchoolRow,
} from './factories.js';

export const SERVICE_DATE = '2026-11-30';
export const SERVICE_WEEKDAY = 1;

// Approves a plan and publishes its notice (what the bureau's approval does).
export async function approveWithNotice(db: Db, schoolId: string, planId: string): Promise<void> {
  const [plan] = await db
    .update(plans)
    .set({ status: 'approved' })
    .where(and(eq(plans.schoolId, schoolId), eq(plans.planId, planId)))
    .returning();
  if (!plan) throw new Error('no plan to approve');
  await db
    .insert(notices)
    .values({
      schoolId,
      planId,
      version: 1,
      content: plan.content,
      publishedAt: new Date('2026-08-30T02:00:00Z'),
    })
    .onConflictDoNothing();
}

export async function placeInGroup(
  db: Db,
  school: SchoolRow,
  group: { groupId: string; termId: string; weekday: number },
  enrollmentId: string,
): Promise<void> {
  await db.insert(groupMembers).values({
    schoolId: school.schoolId,
    groupId: group.groupId,
    enrollmentId,
    termId: group.termId,
    weekday: group.weekday,
  });
}

export interface DailyMatrixExtra {
  // The own school's two groups on Monday: the care teacher actor leads `mine` (guardianChild and
  // child.own), another teacher `other` (otherFamilyChild).
  group: { mine: string; other: string };
  enrollment: Record<string, string>;
  pickupPersonId: string;
}

// For the authorization matrices: every school of the world gets an approved plan with its notice
// for the autumn term, enrolled children on every weekday and groups; the own school's duty chief
// actor is Monday's duty chief.
export async function prepareDailyWorld(db: Db, world: World): Promise<DailyMatrixExtra> {
  const enrollment: Record<string, string> = {};
  const groups: Record<string, string> = {};
  for (const where of ['own', 'otherSchool', 'otherRegion'] as const) {
    const school = world.school[where];
    await approveWithNotice(db, school.schoolId, world.plan[where]);
    const [plan] = await db.select().from(plans).where(eq(plans.planId, world.plan[where]));
    if (!plan) throw new Error('no plan');
    const termId = plan.termId;
    const kids =
      where === 'own'
        ? [
            { studentId: world.guardianChild, guardian: world.guardianUserId, group: 'mine' },
            { studentId: world.child.own, guardian: null, group: 'mine' },
            { studentId: world.otherFamilyChild, guardian: world.otherFamilyUserId, group: 'other' },
          ]
        : [{ studentId: world.child[where], guardian: null, group: 'mine' }];
    const teacher =
      where === 'own'
        ? await buildStaff(db, school, { userId: world.staffUserId.care_teacher, name: '本组老师' })
        : await buildStaff(db, school);
    const otherTeacher = await buildStaff(db, school);
    const mine = await buildServiceGroup(db, school, {
      termId,
      weekday: SERVICE_WEEKDAY,
      name: '一组',
      teacherStaffId: teacher.staffId,
    });
    const other = await buildServiceGroup(db, school, {
      termId,
      weekday: SERVICE_WEEKDAY,
      name: '二组',
      teacherStaffId: otherTeacher.staffId,
    });
    if (where === 'own') {
      groups.mine = mine.groupId;
      groups.other = other.groupId;
      const chief = await buildStaff(db, school, {
        userId: world.staffUserId.duty_chief,
        name: '值日总护导',
      });
      await db.insert(dutyAssignments).values({
        schoolId: school.schoolId,
        termId,
        weekday: SERVICE_WEEKDAY,
        staffId: chief.staffId,
        duty: 'duty_chief',
      });
    }
    for (const kid of kids) {
      const guardian = kid.guardian ?? (await buildUser(db)).id;
      const { enrollment: e } = await buildEnrollment(db, school, {
        termId,
        planId: plan.planId,
        studentId: kid.studentId,
        guardianUserId: guardian,
      });
      enrollment[kid.studentId] = e.enrollmentId;
      await placeInGroup(db, school, kid.group === 'mine' ? mine : other, e.enrollmentId);
    }
  }
  const [person] = await db
    .insert(pickupPersons)
    .values({
      schoolId: world.school.own.schoolId,
      studentId: world.guardianChild,
      name: '王外婆',
      relation: '外祖母',
      phone: '13600001111',
    })
    .returning();
  if (!person) throw new Error('no pickup person');
  return {
    group: { mine: groups.mine ?? '', other: groups.other ?? '' },
    enrollment,
    pickupPersonId: person.personId,
  };
}

export interface DayWorld {
  school: SchoolRow;
  termId: string;
  planId: string;
  users: { admin: string; dutyChief: string; gateGuard: string; teachers: string[] };
  groups: { groupId: string; teacherUserId: string; studentIds: string[] }[];
  children: {
    studentId: string;
    enrollmentId: string;
    guardianUserId: string;
    pickupPersonId: string;
    groupId: string;
  }[];
}

// A school on its own for feature tests: `groups` groups of `perGroup` children on Monday, each with a
// teacher account; a duty chief, a gate guard and an admin; every child with a guardian account and one
// authorized pickup person. Options set custody needs or leaving alone for the first children.
export async function buildDayWorld(
  db: Db,
  options: { groups?: number; perGroup?: number; extendedCustody?: number; mayLeaveAlone?: number } = {},
): Promise<DayWorld> {
  const school = await buildSchool(db);
  await buildPolicyVersion(db, school.region);
  const term = await buildTerm(db, school.region);
  const plan = await buildPlan(db, school, term.termId, { status: 'approved' });
  await approveWithNotice(db, school.schoolId, plan.planId);
  const member = async (role: 'school_admin' | 'care_teacher' | 'duty_chief' | 'gate_guard') =>
    (await buildMember(db, role, { school })).user.id;
  const admin = await member('school_admin');
  const dutyChief = await member('duty_chief');
  const gateGuard = await member('gate_guard');
  const chief = await buildStaff(db, school, { userId: dutyChief, name: '值日总护导' });
  await db.insert(dutyAssignments).values({
    schoolId: school.schoolId,
    termId: term.termId,
    weekday: SERVICE_WEEKDAY,
    staffId: chief.staffId,
    duty: 'duty_chief',
  });
  const groups: DayWorld['groups'] = [];
  const children: DayWorld['children'] = [];
  let index = 0;
  for (let g = 0; g < (options.groups ?? 1); g++) {
    const teacherUserId = await member('care_teacher');
    const teacher = await buildStaff(db, school, { userId: teacherUserId });
    const group = await buildServiceGroup(db, school, {
      termId: term.termId,
      weekday: SERVICE_WEEKDAY,
      name: `${g + 1}组`,
      teacherStaffId: teacher.staffId,
    });
    const studentIds: string[] = [];
    for (let i = 0; i < (options.perGroup ?? 5); i++, index++) {
      const student = await buildStudent(db, school);
      const guardian = await buildUser(db);
      await db
        .insert(schoolMemberships)
        .values({ userId: guardian.id, schoolId: school.schoolId, role: 'guardian' });
      await db.insert(guardianships).values({
        schoolId: school.schoolId,
        studentId: student.studentId,
        userId: guardian.id,
        relation: '母亲',
      });
      const { enrollment } = await buildEnrollment(db, school, {
        termId: term.termId,
        planId: plan.planId,
        studentId: student.studentId,
        guardianUserId: guardian.id,
        extendedCustody: index < (options.extendedCustody ?? 0),
      });
      if (index < (options.mayLeaveAlone ?? 0)) {
        await db
          .update(enrollments)
          .set({ mayLeaveAlone: true })
          .where(
            and(
              eq(enrollments.schoolId, school.schoolId),
              eq(enrollments.enrollmentId, enrollment.enrollmentId),
            ),
          );
      }
      await placeInGroup(db, school, group, enrollment.enrollmentId);
      const [person] = await db
        .insert(pickupPersons)
        .values({
          schoolId: school.schoolId,
          studentId: student.studentId,
          name: `接送人${index + 1}`,
          relation: '父亲',
          phone: `1370000${String(index).padStart(4, '0')}`,
        })
        .returning();
      if (!person) throw new Error('no pickup person');
      studentIds.push(student.studentId);
      children.push({
        studentId: student.studentId,
        enrollmentId: enrollment.enrollmentId,
        guardianUserId: guardian.id,
        pickupPersonId: person.personId,
        groupId: group.groupId,
      });
    }
    groups.push({ groupId: group.groupId, teacherUserId, studentIds });
  }
  return {
    school,
    termId: term.termId,
    planId: plan.planId,
    users: { admin, dutyChief, gateGuard, teachers: groups.map((g) => g.teacherUserId) },
    groups,
    children,
  };
}

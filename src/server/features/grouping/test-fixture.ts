// A school with an approved plan, enrolled children and staff, for the grouping and roster tests.

import { eq } from 'drizzle-orm';
import { WHERE, type Where, type World } from '../../../../test/authorization.js';
import {
  buildEnrollment,
  buildMember,
  buildNotice,
  buildPlan,
  buildPolicyVersion,
  buildRegion,
  buildSchool,
  buildStaff,
  buildStudent,
  buildTerm,
  buildUser,
  type RegionRow,
  type SchoolRow,
  sampleTermPlan,
} from '../../../../test/factories.js';
import type { Db } from '../../../db/connect.js';
import { guardianships, notices, pickupPersons, plans } from '../../../db/schema.js';

export interface GroupingWorld {
  county: RegionRow;
  school: SchoolRow;
  termId: string;
  planId: string;
  // 40 children of grade 1 every weekday, 25 of grade 3 on Monday and Wednesday.
  grade1: { studentId: string; enrollmentId: string; name: string }[];
  grade3: { studentId: string; enrollmentId: string; name: string }[];
  guardianPhone: string;
  pickupPhone: string;
  teachers: { staffId: string; userId: string | null }[];
  unlettered: string;
  manager: string;
  careTeacherUserId: string;
  otherCareTeacherUserId: string;
}

export async function buildGroupingWorld(
  db: Db,
  options: { county?: RegionRow } = {},
): Promise<GroupingWorld> {
  const county =
    options.county ?? (await buildRegion(db, { parent: await buildRegion(db, { level: 'city' }) }));
  if (!options.county) await buildPolicyVersion(db, county);
  const termId = (await buildTerm(db, county, { code: `2026-2027-1-g${Math.floor(Math.random() * 1e6)}` }))
    .termId;
  const school = await buildSchool(db, { region: county });
  const base = sampleTermPlan();
  const content = sampleTermPlan({
    // Activities in both rooms every day: a group goes where the plan's activities are (B 三).
    timetable: [...base.timetable, ...base.timetable.map((s) => ({ ...s, venueId: 'v2', staffIds: [] }))],
    venues: [
      {
        id: 'v1',
        name: '一楼阅览室',
        capacity: 60,
        safetyInspection: { passedOn: '2026-08-20', validUntil: '2027-08-19' },
      },
      {
        id: 'v2',
        name: '二楼教室',
        capacity: 40,
        safetyInspection: { passedOn: '2026-08-20', validUntil: '2027-08-19' },
      },
    ],
  });
  const planId = (await buildPlan(db, school, termId, { status: 'approved', content })).planId;
  await buildNotice(db, school, planId);
  const guardianPhone = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const pickupPhone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const guardian = await buildUser(db, { displayName: '王家长', phone: guardianPhone });
  const enrol = async (grade: number, weekdays: number[], i: number) => {
    const name = `${grade}年级学生${String(i).padStart(2, '0')}`;
    const student = await buildStudent(db, school, { grade, name });
    await db.insert(guardianships).values({
      schoolId: school.schoolId,
      studentId: student.studentId,
      userId: guardian.id,
      relation: '母亲',
    });
    if (i === 0)
      await db.insert(pickupPersons).values({
        schoolId: school.schoolId,
        studentId: student.studentId,
        name: '王外婆',
        relation: '外婆',
        phone: pickupPhone,
      });
    const { enrollment } = await buildEnrollment(db, school, {
      termId,
      planId,
      studentId: student.studentId,
      guardianUserId: guardian.id,
      weekdays,
      extendedCustody: i === 1,
    });
    return { studentId: student.studentId, enrollmentId: enrollment.enrollmentId, name };
  };
  const grade1 = [];
  for (let i = 0; i < 40; i++) grade1.push(await enrol(1, [1, 2, 3, 4, 5], i));
  const grade3 = [];
  for (let i = 0; i < 25; i++) grade3.push(await enrol(3, [1, 3], i));
  const careTeacher = await buildMember(db, 'care_teacher', { school });
  const otherCareTeacher = await buildMember(db, 'care_teacher', { school });
  const teachers = [
    await buildStaff(db, school, { name: '甲老师', userId: careTeacher.user.id }),
    await buildStaff(db, school, { name: '乙老师', userId: otherCareTeacher.user.id }),
    await buildStaff(db, school, { name: '丙老师' }),
  ].map((s) => ({ staffId: s.staffId, userId: s.userId }));
  const unlettered = (await buildStaff(db, school, { name: '丁老师', letter: null })).staffId;
  const manager = (await buildStaff(db, school, { name: '戊主任', kind: 'manager' })).staffId;
  return {
    county,
    school,
    termId,
    planId,
    grade1,
    grade3,
    guardianPhone,
    pickupPhone,
    teachers,
    unlettered,
    manager,
    careTeacherUserId: careTeacher.user.id,
    otherCareTeacherUserId: otherCareTeacher.user.id,
  };
}

export type Extra = { autumn: Record<Where, string> };

// For the authorization matrix: each school's autumn plan gets a published notice, so that its
// grouping has an approved plan; returns the autumn term of each.
export async function withApprovedNotices(db: Db, world: World): Promise<Extra> {
  const autumn = {} as Record<Where, string>;
  for (const where of WHERE) {
    const [plan] = await db.select().from(plans).where(eq(plans.planId, world.plan[where]));
    if (!plan) throw new Error('no plan');
    autumn[where] = plan.termId;
    await db
      .insert(notices)
      .values({
        schoolId: plan.schoolId,
        planId: plan.planId,
        version: 1,
        content: plan.content,
        publishedAt: new Date('2026-08-30T02:00:00Z'),
      })
      .onConflictDoNothing();
  }
  return { autumn };
}

// What a term's grouping (编班, F-08) is made and checked against, loaded from storage: the approved
// plan (its venues, activities and weekdays, from the latest published notice), the region policy in
// force for the term (the staffing ratios, B 五(三)), the enrollments live on the grouping's first day
// and the staff with a responsibility letter covering its period (A 三.1). The rules are in
// src/domain/grouping.ts and src/domain/grouping-rules.ts.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import {
  classes,
  dutyAssignments,
  enrollments,
  groupMembers,
  plans,
  serviceGroups,
  staff,
  students,
} from '../../../db/schema.js';
import { chineseDate, type IsoDate, type Weekday } from '../../../domain/dates.js';
import type {
  GroupingChild,
  GroupingDay,
  GroupingProblem,
  GroupingStaff,
  GroupingVenue,
} from '../../../domain/grouping.js';
import { enrolledOn, groupingPeriod } from '../../../domain/grouping-rules.js';
import type { TermPlan } from '../../../domain/plan.js';
import type { StaffingRatios } from '../../../domain/policy.js';
import { assignableThrough } from '../../../domain/staff.js';
import { schoolDate } from '../../clock.js';
import type { UseCaseContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { letterDatesByStaff } from '../../staff-letters.js';
import { latestNotice, policyVersionForTerm, type SchoolRecord } from '../plans/plan-setting.js';
import { applicableTerms, type TermRow } from '../terms/use-cases.js';

export interface EnrolledChild {
  enrollmentId: string;
  studentId: string;
  studentNo: string;
  name: string;
  grade: number;
  classId: string;
  className: string;
  // The weekdays of the application that the approved plan serves.
  weekdays: Weekday[];
  withdrawnFrom: IsoDate | null;
  live: boolean;
}

export interface StaffMember {
  staffId: string;
  userId: string | null;
  name: string;
  kind: 'teacher' | 'manager';
  weekdays: Weekday[];
  // No longer on the staff (the record is kept for the history): never assignable.
  archived: boolean;
  // A 三.1: a letter covers the whole grouping period.
  assignable: boolean;
}

export interface GroupingSetting {
  school: SchoolRecord;
  term: TermRow;
  period: { from: IsoDate; to: IsoDate };
  planId: string;
  noticeVersion: number;
  plan: TermPlan;
  ratios: StaffingRatios;
  policyVersion: number;
  // Every enrollment of the term, live or withdrawn, by enrollment id.
  enrollments: Map<string, EnrolledChild>;
  staff: StaffMember[];
}

const asWeekdays = (days: readonly number[]) =>
  days.filter((d): d is Weekday => Number.isInteger(d) && d >= 1 && d <= 7);

// A term of the school: one of the terms that apply to it; a term of another region is "not found".
export async function schoolTerm(db: Db, school: SchoolRecord, termId: string): Promise<TermRow> {
  const term = (await applicableTerms(db, school.regionPath)).find((t) => t.termId === termId);
  if (!term) throw new AppError('NOT_FOUND', { zh: '找不到该学期', en: 'No such term' });
  return term;
}

export async function loadGroupingSetting(
  ctx: UseCaseContext,
  school: SchoolRecord,
  term: TermRow,
): Promise<GroupingSetting> {
  const { db } = ctx;
  const [planRow] = await db
    .select({ planId: plans.planId })
    .from(plans)
    .where(and(eq(plans.schoolId, school.schoolId), eq(plans.termId, term.termId)));
  const notice = planRow ? await latestNotice(db, school.schoolId, planRow.planId) : null;
  if (!planRow || !notice) throw new AppError('NO_APPROVED_PLAN');
  const policy = await policyVersionForTerm(db, school.regionPath, term);
  const period = groupingPeriod(term, schoolDate(ctx.clock.now()));
  const served = new Set(notice.content.weekdays);

  const rows = await db
    .select({
      enrollmentId: enrollments.enrollmentId,
      studentId: enrollments.studentId,
      weekdays: enrollments.weekdays,
      withdrawnFrom: enrollments.withdrawnFrom,
      studentNo: students.studentNo,
      name: students.name,
      classId: students.classId,
      grade: classes.grade,
      className: classes.name,
    })
    .from(enrollments)
    .innerJoin(
      students,
      and(eq(students.schoolId, enrollments.schoolId), eq(students.studentId, enrollments.studentId)),
    )
    .innerJoin(classes, and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId)))
    .where(and(eq(enrollments.schoolId, school.schoolId), eq(enrollments.termId, term.termId)))
    .orderBy(asc(classes.grade), asc(classes.name), asc(students.studentNo));
  const enrolled = new Map<string, EnrolledChild>();
  for (const r of rows) {
    enrolled.set(r.enrollmentId, {
      ...r,
      weekdays: asWeekdays(r.weekdays).filter((d) => served.has(d)),
      live: enrolledOn(r, period.from),
    });
  }

  const staffRows = await db
    .select({
      staffId: staff.staffId,
      userId: staff.userId,
      name: staff.name,
      kind: staff.kind,
      weekdays: staff.weekdays,
      archivedAt: staff.archivedAt,
    })
    .from(staff)
    .where(eq(staff.schoolId, school.schoolId))
    .orderBy(asc(staff.name));
  const lettersOf = await letterDatesByStaff(db, school.schoolId);
  const staffList = staffRows.map(({ archivedAt, ...s }) => ({
    ...s,
    weekdays: asWeekdays(s.weekdays),
    archived: archivedAt !== null,
    // A 三.1: 签订岗位责任书 — one letter covering every day the grouping is in force.
    assignable:
      archivedAt === null && assignableThrough(lettersOf.get(s.staffId) ?? [], period.from, period.to),
  }));

  return {
    school,
    term,
    period,
    planId: planRow.planId,
    noticeVersion: notice.version,
    plan: notice.content,
    ratios: policy.policy.staffing,
    policyVersion: policy.version,
    enrollments: enrolled,
    staff: staffList,
  };
}

export function liveChildren(setting: GroupingSetting): EnrolledChild[] {
  return [...setting.enrollments.values()].filter((c) => c.live);
}

// The algorithm's input: live children, the plan's venues, the assignable staff.
export function groupingChildren(setting: GroupingSetting): GroupingChild[] {
  return liveChildren(setting).map((c) => ({
    id: c.enrollmentId,
    grade: c.grade,
    classId: c.classId,
    weekdays: c.weekdays,
  }));
}

// A venue serves on the weekdays the plan's timetable holds an activity there (B 三): a group goes
// where the approved plan's activities happen that day.
export function groupingVenues(setting: GroupingSetting): GroupingVenue[] {
  const plan = setting.plan;
  return plan.venues.map((v) => {
    const days = new Set<Weekday>();
    for (const session of plan.timetable)
      if (session.venueId === v.id) for (const d of session.weekdays ?? plan.weekdays) days.add(d);
    return { id: v.id, capacity: v.capacity, weekdays: [...days].sort((a, b) => a - b) };
  });
}

export function groupingStaff(setting: GroupingSetting): GroupingStaff[] {
  return setting.staff
    .filter((s) => s.assignable)
    .map((s) => ({ id: s.staffId, role: s.kind, weekdays: s.weekdays }));
}

export interface StoredGroup {
  groupId: string;
  weekday: Weekday;
  name: string;
  grades: number[];
  venueId: string | null;
  teacherStaffId: string | null;
  enrollmentIds: string[];
}

export async function loadStoredGroups(db: Db, schoolId: string, termId: string): Promise<StoredGroup[]> {
  const groups = await db
    .select()
    .from(serviceGroups)
    .where(and(eq(serviceGroups.schoolId, schoolId), eq(serviceGroups.termId, termId)))
    .orderBy(asc(serviceGroups.weekday), asc(serviceGroups.name));
  if (groups.length === 0) return [];
  const members = await db
    .select({ groupId: groupMembers.groupId, enrollmentId: groupMembers.enrollmentId })
    .from(groupMembers)
    .where(
      and(
        eq(groupMembers.schoolId, schoolId),
        inArray(
          groupMembers.groupId,
          groups.map((g) => g.groupId),
        ),
      ),
    );
  const byGroup = new Map<string, string[]>();
  for (const m of members) {
    const list = byGroup.get(m.groupId);
    if (list) list.push(m.enrollmentId);
    else byGroup.set(m.groupId, [m.enrollmentId]);
  }
  return groups.map((g) => ({
    groupId: g.groupId,
    weekday: asWeekdays([g.weekday])[0] ?? 1,
    name: g.name,
    grades: g.grades,
    venueId: g.venueId,
    teacherStaffId: g.teacherStaffId,
    enrollmentIds: byGroup.get(g.groupId) ?? [],
  }));
}

// B 五(三) 管理人员 of each weekday, from the duty rota (F-10).
export async function loadManagerDays(db: Db, schoolId: string, termId: string): Promise<GroupingDay[]> {
  const rows = await db
    .select({ weekday: dutyAssignments.weekday, staffId: dutyAssignments.staffId })
    .from(dutyAssignments)
    .where(
      and(
        eq(dutyAssignments.schoolId, schoolId),
        eq(dutyAssignments.termId, termId),
        eq(dutyAssignments.duty, 'manager'),
      ),
    );
  const days = new Map<Weekday, string[]>();
  for (const r of rows) {
    const [weekday] = asWeekdays([r.weekday]);
    if (weekday) days.set(weekday, [...(days.get(weekday) ?? []), r.staffId]);
  }
  return [...days].map(([weekday, managerIds]) => ({
    weekday,
    children: 0,
    quota: { teachers: 0, managers: 0 },
    managerIds,
  }));
}

// The algorithm's messages name children, staff, groups and venues by id; the page and the error
// answer name them as people read them. A withdrawn child still in a group, and a teacher without a
// letter, get a message of their own that says so.
export function nameProblems(
  problems: readonly GroupingProblem[],
  setting: GroupingSetting,
  groupNames: ReadonlyMap<string, string>,
): GroupingProblem[] {
  // Each message names its own child, person, venue and group, and at most another group or venue:
  // only those ids are looked up, so a long list of problems stays cheap.
  const venueNames = new Map(setting.plan.venues.map((v) => [v.id, v.name]));
  const staffNames = new Map(setting.staff.map((s) => [s.staffId, s.name]));
  const replace = (text: string, p: GroupingProblem) => {
    const names = new Map<string, string>(venueNames);
    for (const [id, name] of groupNames) names.set(id, name);
    const child = p.childId ? setting.enrollments.get(p.childId) : undefined;
    if (child) names.set(child.enrollmentId, `${child.name}（${child.className}）`);
    const person = p.staffId ? staffNames.get(p.staffId) : undefined;
    if (p.staffId && person) names.set(p.staffId, person);
    let out = text;
    // Longest ids first, so that no id inside another is replaced on its own.
    for (const id of [...names.keys()].sort((a, b) => b.length - a.length))
      if (out.includes(id)) out = out.split(id).join(names.get(id) ?? id);
    return out;
  };
  return problems.map((p) => {
    const child = p.childId ? setting.enrollments.get(p.childId) : undefined;
    const group = p.groupId ? (groupNames.get(p.groupId) ?? p.groupId) : '';
    const day = `${WEEKDAY_ZH[p.weekday]}：`;
    if (p.code === 'unknown_child' && child && !child.live && child.withdrawnFrom)
      return {
        ...p,
        message: {
          zh: `${day}${child.name}（${child.className}）已退出课后服务（自 ${chineseDate(child.withdrawnFrom)} 起），仍在班组「${group}」中，请移出`,
          en: `Weekday ${p.weekday}: ${child.name} (${child.className}) has withdrawn (from ${child.withdrawnFrom}) but is still in group “${group}”; remove the child`,
        },
      };
    const person = p.staffId ? setting.staff.find((s) => s.staffId === p.staffId) : undefined;
    if (p.code === 'unknown_staff' && person?.archived)
      return {
        ...p,
        message: {
          zh: `${day}${person.name} 已不在看护人员名单中，不能安排到班组「${group}」`,
          en: `Weekday ${p.weekday}: ${person.name} is no longer on the staff and cannot lead group “${group}”`,
        },
      };
    if (p.code === 'unknown_staff' && person && !person.assignable)
      return {
        ...p,
        clause: 'A 三.1',
        message: {
          zh: `${day}${person.name} 没有覆盖 ${chineseDate(setting.period.from)} 至 ${chineseDate(setting.period.to)} 的岗位责任书，不能安排到班组「${group}」`,
          en: `Weekday ${p.weekday}: ${person.name} has no responsibility letter covering ${setting.period.from} to ${setting.period.to} and cannot lead group “${group}”`,
        },
      };
    return { ...p, message: { zh: replace(p.message.zh, p), en: replace(p.message.en, p) } };
  });
}

const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

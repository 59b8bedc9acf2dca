import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import {
  classes,
  enrollments,
  groupMembers,
  guardianships,
  pickupPersons,
  plans,
  students,
  users,
} from '../../../db/schema.js';
import { enrolledOn, groupingPeriod, rosterPhone } from '../../../domain/grouping-rules.js';
import type { TermPlan } from '../../../domain/plan.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { loadDayGroups } from '../../daily/day-groups.js';
import { authorize } from '../../policies/authorize.js';
import { can } from '../../policies/policy.js';
import { schoolTerm } from '../grouping/grouping-setting.js';
import { latestNotice, loadSchool } from '../plans/plan-setting.js';
import type { RosterChild, RosterQuery, RosterView } from './schemas.js';

// F-07 课后看护学生名册 (A 三.5): the children of a weekday per group, with their guardians and the
// persons authorized to collect them, the departure batch, extended custody and whether they may
// leave alone. With roster.whole_school (school admin, duty chief, gate guard) every group and the
// children not yet placed; a care teacher only the groups they lead (another group is "not found").
// Phones in full only with roster.full_phones, else masked (the gate guard).
export async function getRoster(
  ctx: ActorContext,
  options: { schoolId: string; termId: string } & RosterQuery,
): Promise<RosterView> {
  const school = await loadSchool(ctx.db, options.schoolId);
  const target = { regionPath: school.regionPath, schoolId: school.schoolId };
  authorize(ctx.actor, 'roster.read', target);
  const term = await schoolTerm(ctx.db, school, options.termId);
  const fullPhones = can(ctx.actor, 'roster.full_phones', target);
  const whole = can(ctx.actor, 'roster.whole_school', target);
  const asOf = groupingPeriod(term, schoolDate(ctx.clock.now())).from;

  const [planRow] = await ctx.db
    .select({ planId: plans.planId })
    .from(plans)
    .where(and(eq(plans.schoolId, school.schoolId), eq(plans.termId, term.termId)));
  const notice = planRow ? await latestNotice(ctx.db, school.schoolId, planRow.planId) : null;
  const venues = new Map((notice?.content as TermPlan | undefined)?.venues.map((v) => [v.id, v]) ?? []);

  // A 三.1 看护人员对被看护学生承担安全直接责任: a care teacher's roster is the groups they lead.
  const groups = await loadDayGroups(ctx.db, {
    schoolId: school.schoolId,
    termId: term.termId,
    weekday: options.weekday,
    ledBy: whole ? null : ctx.actor.userId,
    groupId: options.groupId,
  });

  const rows = await ctx.db
    .select({
      enrollmentId: enrollments.enrollmentId,
      studentId: enrollments.studentId,
      weekdays: enrollments.weekdays,
      departureBatch: enrollments.departureBatch,
      extendedCustody: enrollments.extendedCustody,
      mayLeaveAlone: enrollments.mayLeaveAlone,
      withdrawnFrom: enrollments.withdrawnFrom,
      studentNo: students.studentNo,
      name: students.name,
      gender: students.gender,
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
  const live = rows.filter((r) => enrolledOn(r, asOf));
  const byEnrollment = new Map(live.map((r) => [r.enrollmentId, r]));

  const groupIds = groups.map((g) => g.id);
  const members =
    groupIds.length === 0
      ? []
      : await ctx.db
          .select({ groupId: groupMembers.groupId, enrollmentId: groupMembers.enrollmentId })
          .from(groupMembers)
          .where(and(eq(groupMembers.schoolId, school.schoolId), inArray(groupMembers.groupId, groupIds)));
  const membersOf = new Map<string, string[]>();
  for (const m of members) {
    const list = membersOf.get(m.groupId);
    if (list) list.push(m.enrollmentId);
    else membersOf.set(m.groupId, [m.enrollmentId]);
  }

  let ungroupedRows: typeof live = [];
  if (whole && !options.groupId) {
    const placed = await ctx.db
      .select({ enrollmentId: groupMembers.enrollmentId })
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.schoolId, school.schoolId),
          eq(groupMembers.termId, term.termId),
          eq(groupMembers.weekday, options.weekday),
        ),
      );
    const placedIds = new Set(placed.map((p) => p.enrollmentId));
    ungroupedRows = live.filter(
      (r) => r.weekdays.includes(options.weekday) && !placedIds.has(r.enrollmentId),
    );
  }

  const shown = new Set<string>([
    ...members.flatMap((m) => {
      const r = byEnrollment.get(m.enrollmentId);
      return r ? [r.studentId] : [];
    }),
    ...ungroupedRows.map((r) => r.studentId),
  ]);
  const studentIds = [...shown];
  const guardians =
    studentIds.length === 0
      ? []
      : await ctx.db
          .select({
            studentId: guardianships.studentId,
            name: users.displayName,
            relation: guardianships.relation,
            phone: users.phone,
          })
          .from(guardianships)
          .innerJoin(users, eq(users.id, guardianships.userId))
          .where(
            and(eq(guardianships.schoolId, school.schoolId), inArray(guardianships.studentId, studentIds)),
          )
          .orderBy(asc(guardianships.createdAt));
  const pickups =
    studentIds.length === 0
      ? []
      : await ctx.db
          .select({
            studentId: pickupPersons.studentId,
            personId: pickupPersons.personId,
            photoFileId: pickupPersons.photoFileId,
            name: pickupPersons.name,
            relation: pickupPersons.relation,
            phone: pickupPersons.phone,
          })
          .from(pickupPersons)
          .where(
            and(
              eq(pickupPersons.schoolId, school.schoolId),
              inArray(pickupPersons.studentId, studentIds),
              isNull(pickupPersons.removedAt),
            ),
          )
          .orderBy(asc(pickupPersons.createdAt));

  const byStudent = <T extends { studentId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(row.studentId);
      if (list) list.push(row);
      else map.set(row.studentId, [row]);
    }
    return map;
  };
  const guardiansOf = byStudent(guardians);
  const pickupsOf = byStudent(pickups);
  const child = (r: (typeof live)[number]): RosterChild => ({
    enrollmentId: r.enrollmentId,
    studentId: r.studentId,
    studentNo: r.studentNo,
    name: r.name,
    gender: r.gender,
    grade: r.grade,
    className: r.className,
    departureBatch: r.departureBatch,
    extendedCustody: r.extendedCustody,
    mayLeaveAlone: r.mayLeaveAlone,
    guardians: (guardiansOf.get(r.studentId) ?? []).map((g) => ({
      name: g.name,
      relation: g.relation,
      phone: rosterPhone(g.phone, fullPhones),
    })),
    pickupPersons: (pickupsOf.get(r.studentId) ?? []).map((p) => ({
      id: p.personId,
      name: p.name,
      relation: p.relation,
      phone: rosterPhone(p.phone, fullPhones),
      photoUrl:
        whole && p.photoFileId
          ? `/api/schools/${school.schoolId}/students/${r.studentId}/pickup-persons/${p.personId}/photo`
          : null,
    })),
  });
  const order = new Map(live.map((r, i) => [r.enrollmentId, i]));

  return {
    school: { id: school.schoolId, code: school.code, name: school.name },
    term: { id: term.termId, code: term.code, name: term.name },
    weekday: options.weekday,
    asOf,
    fullPhones,
    scope: whole ? 'school' : 'own_groups',
    groups: groups.map((g) => {
      const venue = g.venueId ? venues.get(g.venueId) : undefined;
      return {
        id: g.id,
        name: g.name,
        grades: g.grades,
        venueId: g.venueId,
        venueName: venue?.name ?? g.venueId,
        capacity: venue?.capacity ?? null,
        teacherName: g.teacherName,
        children: (membersOf.get(g.id) ?? [])
          .flatMap((id) => {
            const r = byEnrollment.get(id);
            return r ? [r] : [];
          })
          .sort((a, b) => (order.get(a.enrollmentId) ?? 0) - (order.get(b.enrollmentId) ?? 0))
          .map(child),
      };
    }),
    ungrouped: ungroupedRows.map(child),
  };
}

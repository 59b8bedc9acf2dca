// Demo grouping (F-08) for `npm run demo`: at 东湖区实验小学 (9901020001) the automatic proposal for the
// current term, saved through the same use cases as the API, once the enrollments (F-06) and the staff
// with their letters (F-09) exist. The demo care teacher (`teacher`) leads a group on each day they
// serve, so the phone roster has something to show. Idempotent: a term that has groups is left alone,
// and nothing happens while the term has no enrollments.
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/connect.js';
import { enrollments, plans, schools, serviceGroups, staff, users } from '../db/schema.js';
import type { ActorContext } from '../server/context.js';
import { loadActor } from '../server/features/auth/actor.js';
import { proposeGrouping } from '../server/features/grouping/propose-grouping.js';
import { saveGrouping } from '../server/features/grouping/save-grouping.js';
import { latestNotice } from '../server/features/plans/plan-setting.js';

export const DEMO_GROUPING_SCHOOL = '9901020001';

export async function seedDemoGrouping(
  database: Database,
  options: { today: Date; log?: (line: string) => void },
): Promise<void> {
  const log = options.log ?? (() => {});
  const { db } = database;
  const [school] = await db
    .select({ schoolId: schools.schoolId })
    .from(schools)
    .where(eq(schools.code, DEMO_GROUPING_SCHOOL));
  if (!school) return;
  const { schoolId } = school;
  const [plan] = await db
    .select({ planId: plans.planId, termId: plans.termId })
    .from(plans)
    .where(eq(plans.schoolId, schoolId));
  if (!plan || !(await latestNotice(db, schoolId, plan.planId))) return;
  const [enrolled] = await db
    .select({ id: enrollments.enrollmentId })
    .from(enrollments)
    .where(and(eq(enrollments.schoolId, schoolId), eq(enrollments.termId, plan.termId)))
    .limit(1);
  if (!enrolled) return;
  const [grouped] = await db
    .select({ id: serviceGroups.groupId })
    .from(serviceGroups)
    .where(and(eq(serviceGroups.schoolId, schoolId), eq(serviceGroups.termId, plan.termId)))
    .limit(1);
  if (grouped) return;

  const userId = async (username: string) =>
    (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id ?? null;
  const adminId = await userId('school.admin');
  if (!adminId) return;
  const now = options.today;
  const ctx: ActorContext = {
    db,
    database,
    clock: { now: () => now },
    accountClock: { now: () => now },
    meta: { ip: null, userAgent: 'kehou demo' },
    actor: (await loadActor(db, adminId)).actor,
  };
  const proposal = await proposeGrouping(ctx, { schoolId, termId: plan.termId });

  // The demo care teacher leads the first group of each day they are free to (an exchange with that
  // group's teacher, so the quota reads the same).
  const teacherUser = await userId('teacher');
  const [own] = teacherUser
    ? await db
        .select({ staffId: staff.staffId })
        .from(staff)
        .where(and(eq(staff.schoolId, schoolId), eq(staff.userId, teacherUser), isNull(staff.archivedAt)))
    : [];
  const ownStaff = own ? proposal.staff.find((s) => s.id === own.staffId && s.assignable) : undefined;
  const groups = proposal.groups.map((g) => ({ ...g }));
  if (ownStaff)
    for (const weekday of ownStaff.weekdays) {
      const day = groups.filter((g) => g.weekday === weekday);
      if (day.length === 0 || day.some((g) => g.teacherStaffId === ownStaff.id)) continue;
      (day[0] as (typeof day)[number]).teacherStaffId = ownStaff.id;
    }

  // Who is in charge (src/domain/in-charge.ts): once saved, the grouping is, and the public notice
  // names its leaders. The demo school leads its groups with the teachers its plan names (陈/李/张/王),
  // in turn across the weekdays so that each leads some day, so the plan and the grouping agree on the
  // people. On purpose, the plan's four groups (for the 120 children it expected, B 五(三)) are three
  // a day in the grouping (the children who enrolled): the plan page shows that finding
  // (charge.group-count) as the school would see it.
  const [planRow] = await db
    .select({ content: plans.content })
    .from(plans)
    .where(eq(plans.planId, plan.planId));
  const planTeachers = [
    ...new Set((planRow?.content.groups ?? []).map((g) => g.teacherId).filter((id): id is string => !!id)),
  ];
  const weekdays = [...new Set(groups.map((g) => g.weekday))].sort((a, b) => a - b);
  for (const [i, weekday] of weekdays.entries()) {
    const day = groups.filter((g) => g.weekday === weekday);
    const free = planTeachers.filter((id) =>
      proposal.staff.some((s) => s.id === id && s.assignable && s.weekdays.includes(weekday)),
    );
    if (day.length === 0 || day.length > free.length) continue;
    // The demo care teacher keeps the first group; the others follow in turn.
    const own = ownStaff && free.includes(ownStaff.id) ? [ownStaff.id] : [];
    const rest = free.filter((id) => !own.includes(id));
    const turn = [
      ...rest.slice(i % Math.max(1, rest.length)),
      ...rest.slice(0, i % Math.max(1, rest.length)),
    ];
    const order = [...own, ...turn];
    day.forEach((g, k) => {
      g.teacherStaffId = order[k] ?? g.teacherStaffId;
    });
  }

  const saved = await saveGrouping(ctx, {
    schoolId,
    termId: plan.termId,
    groups: groups.map((g) => ({
      weekday: g.weekday,
      name: g.name,
      grades: g.grades,
      venueId: g.venueId,
      teacherStaffId: g.teacherStaffId,
      enrollmentIds: g.members.map((m) => m.enrollmentId),
    })),
  });
  const placed = saved.groups.reduce((n, g) => n + g.members.length, 0);
  log(`编班：${saved.groups.length} 个班组，${placed} 人次 / grouping: groups and placements`);
}

// What a term's duty rota (F-10) is read and checked against, loaded from storage: the approved plan
// (its weekdays, timetable and end times, from the latest published notice), the policy in force
// (staffing ratios, the duty chief's hand-over window), the school's staff with their letters, the
// service groups with their teachers (F-08), the duties and the children enrolled per weekday.
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import {
  dutyAssignments,
  enrollments,
  groupMembers,
  notices,
  plans,
  serviceGroups,
  staff,
} from '../../../db/schema.js';
import type { Weekday } from '../../../domain/dates.js';
import { formatTime } from '../../../domain/dates.js';
import type { TermPlan } from '../../../domain/plan.js';
import { DEFAULT_STAFF_WEEKLY_LIMIT_MINUTES, type RegionPolicy } from '../../../domain/policy.js';
import {
  assignable,
  type DutyKind,
  evaluateRota,
  type RotaDuty,
  type RotaInput,
  type RotaStaff,
  rotaPeriod,
} from '../../../domain/rota.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { can } from '../../policies/policy.js';
import { letterDatesByStaff } from '../../staff-letters.js';
import { latestNotice, loadSchool, policyVersionForTerm, type SchoolRecord } from '../plans/plan-setting.js';
import { applicableTerms, type TermRow } from '../terms/use-cases.js';
import type { RotaView } from './schemas.js';

export interface RotaSetting {
  school: SchoolRecord;
  term: TermRow;
  plan: TermPlan;
  policy: RegionPolicy;
  input: RotaInput;
  // Staff record by linked account.
  accounts: Map<string, string>;
  groups: {
    groupId: string;
    name: string;
    weekday: number;
    grades: number[];
    venueId: string | null;
    teacherStaffId: string | null;
    children: number;
  }[];
}

export async function rotaSchool(ctx: ActorContext, schoolId: string, action: 'rota.read' | 'rota.write') {
  const school = await loadSchool(ctx.db, schoolId);
  authorize(ctx.actor, action, { regionPath: school.regionPath, schoolId: school.schoolId });
  return school;
}

export async function schoolTerm(db: Db, school: SchoolRecord, termId: string): Promise<TermRow> {
  const term = (await applicableTerms(db, school.regionPath)).find((t) => t.termId === termId);
  if (!term) throw new AppError('NOT_FOUND', { zh: '找不到该学期', en: 'No such term' });
  return term;
}

// The term in progress today (one the school has a published plan for first, should a region's terms
// overlap), else the next one, else the last one.
export async function currentTerm(db: Db, school: SchoolRecord, today: string): Promise<TermRow> {
  const terms = await applicableTerms(db, school.regionPath);
  const published = new Set(
    (
      await db
        .selectDistinct({ termId: plans.termId })
        .from(plans)
        .innerJoin(notices, and(eq(notices.schoolId, plans.schoolId), eq(notices.planId, plans.planId)))
        .where(eq(plans.schoolId, school.schoolId))
    ).map((p) => p.termId),
  );
  const inProgress = terms.filter((t) => t.firstDay <= today && today <= t.lastDay);
  const term =
    inProgress.find((t) => published.has(t.termId)) ??
    inProgress[0] ??
    terms.find((t) => t.firstDay > today) ??
    terms.at(-1);
  if (!term) throw new AppError('NOT_FOUND', { zh: '尚未设置学期', en: 'No term has been set up' });
  return term;
}

export async function loadDuties(db: Db, schoolId: string, termId: string): Promise<RotaDuty[]> {
  const rows = await db
    .select({
      weekday: dutyAssignments.weekday,
      staffId: dutyAssignments.staffId,
      duty: dutyAssignments.duty,
    })
    .from(dutyAssignments)
    .where(and(eq(dutyAssignments.schoolId, schoolId), eq(dutyAssignments.termId, termId)))
    .orderBy(asc(dutyAssignments.weekday), asc(dutyAssignments.createdAt));
  return rows;
}

export async function loadRotaSetting(
  ctx: ActorContext,
  school: SchoolRecord,
  term: TermRow,
  duties?: RotaDuty[],
): Promise<RotaSetting> {
  const { db } = ctx;
  const [planRow] = await db
    .select({ planId: plans.planId })
    .from(plans)
    .where(and(eq(plans.schoolId, school.schoolId), eq(plans.termId, term.termId)));
  const notice = planRow ? await latestNotice(db, school.schoolId, planRow.planId) : null;
  if (!planRow || !notice)
    throw new AppError('NO_APPROVED_PLAN', {
      zh: '本学期的课后服务方案尚未审定，无法安排值日',
      en: 'The term’s plan has not been approved yet, so there is no rota to make',
    });
  const plan = notice.content;
  const policy = (await policyVersionForTerm(db, school.regionPath, term)).policy;
  const period = rotaPeriod(term, schoolDate(ctx.clock.now()));

  const staffRows = await db
    .select()
    .from(staff)
    .where(eq(staff.schoolId, school.schoolId))
    .orderBy(asc(staff.staffNo), asc(staff.name));
  const lettersOf = await letterDatesByStaff(db, school.schoolId);
  const rotaStaff: RotaStaff[] = staffRows.map((s) => ({
    staffId: s.staffId,
    name: s.name,
    kind: s.kind,
    weekdays: s.weekdays,
    letters: lettersOf.get(s.staffId) ?? [],
    archived: s.archivedAt !== null,
  }));

  const groupRows = await db
    .select({
      groupId: serviceGroups.groupId,
      name: serviceGroups.name,
      weekday: serviceGroups.weekday,
      grades: serviceGroups.grades,
      venueId: serviceGroups.venueId,
      teacherStaffId: serviceGroups.teacherStaffId,
    })
    .from(serviceGroups)
    .where(and(eq(serviceGroups.schoolId, school.schoolId), eq(serviceGroups.termId, term.termId)))
    .orderBy(asc(serviceGroups.weekday), asc(serviceGroups.name));
  const memberCounts = await db
    .select({ groupId: groupMembers.groupId, children: sql<number>`count(*)::int` })
    .from(groupMembers)
    .where(and(eq(groupMembers.schoolId, school.schoolId), eq(groupMembers.termId, term.termId)))
    .groupBy(groupMembers.groupId);
  const groups = groupRows.map((g) => ({
    ...g,
    children: Number(memberCounts.find((c) => c.groupId === g.groupId)?.children ?? 0),
  }));

  // Children enrolled on each weekday on the rota's first day (B 五(三) 每90名学生加配1名管理人员).
  const counts = await db
    .select({
      weekday: sql<number>`d.weekday`,
      children: sql<number>`count(*)::int`,
    })
    .from(enrollments)
    .innerJoin(sql`unnest(${enrollments.weekdays}) as d(weekday)`, sql`true`)
    .where(
      and(
        eq(enrollments.schoolId, school.schoolId),
        eq(enrollments.termId, term.termId),
        or(isNull(enrollments.withdrawnFrom), sql`${enrollments.withdrawnFrom} > ${period.from}`),
      ),
    )
    .groupBy(sql`d.weekday`);
  const childrenPerWeekday: Partial<Record<number, number>> = {};
  for (const c of counts) childrenPerWeekday[Number(c.weekday)] = Number(c.children);

  return {
    school,
    term,
    plan,
    policy,
    groups,
    accounts: new Map(
      staffRows.flatMap((s) => (s.userId && !s.archivedAt ? [[s.userId, s.staffId] as const] : [])),
    ),
    input: {
      serviceWeekdays: plan.weekdays as Weekday[],
      servicePeriod: period,
      timetable: plan.timetable,
      endTimes: plan.endTimes,
      // F-14: the chief stays until an uncollected child is handed over to extended custody.
      dutyChiefExtraMinutes: policy.pickupGraceMinutes,
      staff: rotaStaff,
      groups: groups.map((g) => ({
        groupId: g.groupId,
        name: g.name,
        weekday: g.weekday,
        teacherStaffId: g.teacherStaffId,
      })),
      duties: duties ?? (await loadDuties(db, school.schoolId, term.termId)),
      childrenPerWeekday,
      staffing: policy.staffing,
      weeklyLimitMinutes: policy.staffWeeklyLimitMinutes,
    },
  };
}

export function rotaView(ctx: ActorContext, setting: RotaSetting): RotaView {
  const { input, plan } = setting;
  const evaluation = evaluateRota(input);
  const byId = new Map(input.staff.map((s) => [s.staffId, s]));
  const who = (staffId: string | null) => (staffId ? { staffId, name: byId.get(staffId)?.name ?? '' } : null);
  const venues = new Map(plan.venues.map((v) => [v.id, v.name]));
  const onDuty = (weekday: number, duty: DutyKind) =>
    input.duties.filter((d) => d.weekday === weekday && d.duty === duty).map((d) => d.staffId);
  return {
    term: {
      termId: setting.term.termId,
      name: setting.term.name,
      firstDay: setting.term.firstDay,
      lastDay: setting.term.lastDay,
    },
    period: input.servicePeriod,
    serviceWeekdays: [...input.serviceWeekdays],
    dutyChiefExtraMinutes: input.dutyChiefExtraMinutes,
    days: input.serviceWeekdays.map((weekday) => {
      const span = evaluation.spans[weekday];
      const quota = evaluation.managers.find((m) => m.weekday === weekday);
      return {
        weekday,
        start: span?.start != null ? formatTime(span.start) : null,
        end: { other: plan.endTimes.other, summer: plan.endTimes.summer },
        enrolled: quota?.children ?? 0,
        managersRequired: quota?.required ?? 0,
        groups: setting.groups
          .filter((g) => g.weekday === weekday)
          .map((g) => ({
            groupId: g.groupId,
            name: g.name,
            grades: g.grades,
            venueName: g.venueId ? (venues.get(g.venueId) ?? g.venueId) : null,
            enrolled: g.children,
            teacher: who(g.teacherStaffId),
          })),
        dutyChief: who(onDuty(weekday, 'duty_chief')[0] ?? null),
        managers: onDuty(weekday, 'manager').flatMap((id) => who(id) ?? []),
      };
    }),
    staff: input.staff
      .filter((s) => !s.archived)
      .map((s) => ({
        staffId: s.staffId,
        name: s.name,
        kind: s.kind,
        archived: s.archived ?? false,
        assignableWeekdays: input.serviceWeekdays.filter((d) => assignable(s, d, input.servicePeriod)),
      })),
    hours: evaluation.hours.map((h) => ({ ...h, days: h.days.map((d) => ({ ...d, roles: [...d.roles] })) })),
    fairness: {
      ...evaluation.fairness,
      // The region may set its own number; until then the platform's default applies (not in the seeds).
      limitIsPlatformDefault: evaluation.fairness.limit === DEFAULT_STAFF_WEEKLY_LIMIT_MINUTES,
    },
    problems: evaluation.problems,
    editable: can(ctx.actor, 'rota.write', {
      regionPath: setting.school.regionPath,
      schoolId: setting.school.schoolId,
    }),
    me: setting.accounts.get(ctx.actor.userId) ?? null,
  };
}

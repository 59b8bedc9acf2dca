// Leave requests (F-11: 家长请假 reaches the roll call pre-marked 请假 with its reason). The guardian
// tells the school, no approval: for their own child, for a range of dates of which only the service
// days matter; the school office may record one a guardian phoned in. Cancelling keeps the row, and is
// possible only before the leave starts, so a past day's roll call never changes behind the teacher.
import { and, desc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { enrollments, guardianships, leaveRequests, students, users } from '../../../db/schema.js';
import { daysBetween, eachDate, type IsoDate } from '../../../domain/dates.js';
import { enrolledOn } from '../../../domain/grouping-rules.js';
import { recordAudit } from '../../audit.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { loadServiceDay } from '../../daily/service-day.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { leadsGroupOfChild } from '../../policies/group-lead.js';
import { can } from '../../policies/policy.js';
import { loadSchool, type SchoolRecord } from '../plans/plan-setting.js';
import type { CreatedLeave, LeaveBody, LeaveList, LeaveView } from './schemas.js';

export const LEAVE_MAX_DAYS = 30;

type LeaveRow = typeof leaveRequests.$inferSelect;

async function loadChild(
  ctx: ActorContext,
  schoolId: string,
  studentId: string,
  action: 'leave.request' | 'leave.read',
): Promise<{ school: SchoolRecord; name: string }> {
  const school = await loadSchool(ctx.db, schoolId);
  // Permission first: another family's child is refused before anything of it is read.
  const target = { regionPath: school.regionPath, schoolId, studentId };
  authorize(ctx.actor, action, target);
  // A care teacher reads the leave of the children in the groups they lead, no other.
  if (action === 'leave.read' && !can(ctx.actor, 'leave.read.any_child', target)) {
    if (!(await leadsGroupOfChild(ctx.db, { schoolId, studentId, userId: ctx.actor.userId })))
      throw new AppError('FORBIDDEN');
  }
  const [child] = await ctx.db
    .select({ name: students.name })
    .from(students)
    .where(and(eq(students.schoolId, schoolId), eq(students.studentId, studentId)));
  if (!child) throw new AppError('NOT_FOUND', { zh: '找不到该学生', en: 'No such child' });
  return { school, name: child.name };
}

function invalid(path: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', {
    zh,
    en,
    details: { fields: [{ path, message: `${zh} / ${en}` }] },
  });
}

// The dates of the range that are service days of the school on which the child attends.
export async function leaveServiceDates(
  db: Db,
  school: SchoolRecord,
  studentId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<IsoDate[]> {
  const rows = await db
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.schoolId, school.schoolId), eq(enrollments.studentId, studentId)));
  const dates: IsoDate[] = [];
  for (const date of eachDate(from, to)) {
    let setting: Awaited<ReturnType<typeof loadServiceDay>>;
    try {
      setting = await loadServiceDay(db, school, date);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_A_SERVICE_DAY') continue;
      throw error;
    }
    const attends = rows.some(
      (e) =>
        e.termId === setting.term.termId &&
        e.startsOn <= date &&
        (e.withdrawnFrom === null || e.withdrawnFrom > date) &&
        e.weekdays.includes(setting.groupWeekday),
    );
    if (attends) dates.push(date);
  }
  return dates;
}

export async function requestLeave(
  ctx: ActorContext,
  options: { schoolId: string; studentId: string; body: LeaveBody },
): Promise<CreatedLeave> {
  const { school, name } = await loadChild(ctx, options.schoolId, options.studentId, 'leave.request');
  const { fromDate, toDate, reason } = options.body;
  const now = ctx.clock.now();
  const today = schoolDate(now);
  if (toDate < fromDate) {
    throw invalid('body.toDate', '结束日期不能早于开始日期', 'The last day is before the first day');
  }
  if (fromDate < today) {
    throw invalid('body.fromDate', '不能为已过去的日期请假', 'Leave cannot start on a past date');
  }
  if (daysBetween(fromDate, toDate) + 1 > LEAVE_MAX_DAYS) {
    throw invalid(
      'body.toDate',
      `一次请假最长 ${LEAVE_MAX_DAYS} 天；更长的请联系学校`,
      `A leave request covers at most ${LEAVE_MAX_DAYS} days; contact the school for longer`,
    );
  }
  // Leave is from the service: a child not enrolled over the range (no approved application, or
  // withdrawn before it) is refused with that reason rather than "no service on these dates".
  const own = await ctx.db
    .select({ startsOn: enrollments.startsOn, withdrawnFrom: enrollments.withdrawnFrom })
    .from(enrollments)
    .where(and(eq(enrollments.schoolId, school.schoolId), eq(enrollments.studentId, options.studentId)));
  if (!own.some((e) => e.startsOn <= toDate && enrolledOn(e, fromDate))) {
    throw invalid(
      'params.studentId',
      `${name}不在课后服务名单中（没有已通过的报名），无需请假`,
      `${name} is not enrolled in after-school care (no approved application); no leave is needed`,
    );
  }
  const serviceDates = await leaveServiceDates(ctx.db, school, options.studentId, fromDate, toDate);
  if (serviceDates.length === 0) {
    throw invalid(
      'body.fromDate',
      `${name}在这段日期没有课后服务，无需请假`,
      `${name} has no after-school service on these dates; no leave is needed`,
    );
  }
  return ctx.db.transaction(async (tx) => {
    // One request at a time per child, so that two overlapping requests cannot both pass the check.
    await tx
      .select({ id: students.studentId })
      .from(students)
      .where(and(eq(students.schoolId, school.schoolId), eq(students.studentId, options.studentId)))
      .for('update');
    const [overlap] = await tx
      .select()
      .from(leaveRequests)
      .where(
        and(
          eq(leaveRequests.schoolId, school.schoolId),
          eq(leaveRequests.studentId, options.studentId),
          isNull(leaveRequests.cancelledAt),
          lte(leaveRequests.fromDate, toDate),
          gte(leaveRequests.toDate, fromDate),
        ),
      );
    if (overlap) {
      throw new AppError('LEAVE_OVERLAPS', {
        details: { leaveId: overlap.leaveId, fromDate: overlap.fromDate, toDate: overlap.toDate },
      });
    }
    const [row] = await tx
      .insert(leaveRequests)
      .values({
        schoolId: school.schoolId,
        studentId: options.studentId,
        fromDate,
        toDate,
        reason,
        requestedBy: ctx.actor.userId,
        requestedAt: now,
      })
      .returning();
    if (!row) throw new Error('leave not stored');
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'leave.request',
      objectType: 'leave_request',
      objectId: row.leaveId,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
      details: { studentId: options.studentId, fromDate, toDate, serviceDates },
    });
    const [view] = await leaveViews(tx, school.schoolId, options.studentId, [row], today);
    return { ...(view as LeaveView), serviceDates };
  });
}

export async function listLeave(
  ctx: ActorContext,
  options: { schoolId: string; studentId: string },
): Promise<LeaveList> {
  const { school, name } = await loadChild(ctx, options.schoolId, options.studentId, 'leave.read');
  const today = schoolDate(ctx.clock.now());
  const rows = await ctx.db
    .select()
    .from(leaveRequests)
    .where(and(eq(leaveRequests.schoolId, school.schoolId), eq(leaveRequests.studentId, options.studentId)))
    .orderBy(desc(leaveRequests.fromDate), desc(leaveRequests.requestedAt))
    .limit(100);
  return {
    studentId: options.studentId,
    name,
    today,
    items: await leaveViews(ctx.db, school.schoolId, options.studentId, rows, today),
  };
}

export async function cancelLeave(
  ctx: ActorContext,
  options: { schoolId: string; studentId: string; leaveId: string },
): Promise<LeaveView> {
  const { school } = await loadChild(ctx, options.schoolId, options.studentId, 'leave.request');
  const now = ctx.clock.now();
  const today = schoolDate(now);
  return ctx.db.transaction(async (tx) => {
    const where = and(
      eq(leaveRequests.schoolId, school.schoolId),
      eq(leaveRequests.studentId, options.studentId),
      eq(leaveRequests.leaveId, options.leaveId),
    );
    const [row] = await tx.select().from(leaveRequests).where(where).for('update');
    if (!row) throw new AppError('NOT_FOUND', { zh: '找不到该请假', en: 'No such leave request' });
    // Cancelling twice (a retried request) answers with the cancelled leave.
    if (row.cancelledAt !== null) {
      const [view] = await leaveViews(tx, school.schoolId, options.studentId, [row], today);
      return view as LeaveView;
    }
    if (row.fromDate <= today) {
      throw new AppError('LEAVE_NOT_CANCELLABLE', {
        details: { fromDate: row.fromDate },
      });
    }
    const [cancelled] = await tx
      .update(leaveRequests)
      .set({ cancelledAt: now, cancelledBy: ctx.actor.userId })
      .where(where)
      .returning();
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'leave.cancel',
      objectType: 'leave_request',
      objectId: row.leaveId,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
      details: { studentId: options.studentId, fromDate: row.fromDate, toDate: row.toDate },
    });
    const [view] = await leaveViews(tx, school.schoolId, options.studentId, [cancelled as LeaveRow], today);
    return view as LeaveView;
  });
}

async function leaveViews(
  db: Pick<Db, 'select'>,
  schoolId: string,
  studentId: string,
  rows: readonly LeaveRow[],
  today: IsoDate,
): Promise<LeaveView[]> {
  if (rows.length === 0) return [];
  const people = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...new Set(rows.map((r) => r.requestedBy))]));
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const guardians = await db
    .select({ userId: guardianships.userId })
    .from(guardianships)
    .where(and(eq(guardianships.schoolId, schoolId), eq(guardianships.studentId, studentId)));
  const isGuardian = new Set(guardians.map((g) => g.userId));
  return rows.map((r) => ({
    leaveId: r.leaveId,
    studentId: r.studentId,
    fromDate: r.fromDate,
    toDate: r.toDate,
    reason: r.reason,
    requestedAt: r.requestedAt.toISOString(),
    requestedByName: nameOf.get(r.requestedBy) ?? null,
    byStaff: !isGuardian.has(r.requestedBy),
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    cancellable: r.cancelledAt === null && r.fromDate > today,
  }));
}

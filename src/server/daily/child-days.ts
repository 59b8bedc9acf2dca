// The enrolled children of a service day with their day so far: who they are, their group, what
// the guardian recorded (batch, custody need, may leave alone, pickup persons, leave), and the stored
// events replayed by `src/domain/child-day.ts`. The one loader every daily feature reads, so the roll
// call, the gate and the duty chief see the same state.
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import {
  batchChoices,
  childDayEvents,
  classes,
  enrollments,
  groupMembers,
  leaveRequests,
  pickupPersons,
  serviceGroups,
  staff,
  students,
} from '../../db/schema.js';
import {
  type ChildDay,
  type ChildDayEvent,
  type ChildDayRefusal,
  type ChildDayStatus,
  type ChildFacts,
  REFUSALS,
  replay,
  statusOf,
} from '../../domain/child-day.js';
import type { IsoDate } from '../../domain/dates.js';
import { batchForDay, type DayBatch } from '../../domain/departure.js';
import { AppError } from '../errors.js';
import type { ServiceDaySetting } from './service-day.js';

export type StoredEvent = typeof childDayEvents.$inferSelect;
export type NewEvent = typeof childDayEvents.$inferInsert;

export interface DayLeave {
  leaveId: string;
  fromDate: IsoDate;
  toDate: IsoDate;
  reason: string;
  requestedAt: Date;
  requestedBy: string;
}

export interface DayChild {
  studentId: string;
  enrollmentId: string;
  name: string;
  studentNo: string;
  gender: 'male' | 'female';
  grade: number;
  className: string;
  groupId: string | null;
  groupName: string | null;
  // The account of the group's teacher (a care teacher acts only on the groups they lead).
  teacherUserId: string | null;
  facts: ChildFacts;
  extendedCustodyReason: string | null;
  // The batch chosen at enrollment, today's batch (changed by the guardian, or the latest one running
  // when the chosen one does not run in this season) and whether it was substituted.
  chosenBatch: string;
  batch: DayBatch | null;
  batchChangedToday: boolean;
  leave: DayLeave | null;
  events: StoredEvent[];
  day: ChildDay;
  status: ChildDayStatus;
  // The id of the mark event in force (null: no mark yet, or only the guardian's leave).
  currentMarkId: string | null;
}

// A leave request as the day query returns it (JSON: dates as YYYY-MM-DD, the time as ISO text).
interface LeaveJson {
  leaveId: string;
  fromDate: IsoDate;
  toDate: IsoDate;
  reason: string;
  requestedAt: string;
  requestedBy: string;
}

export interface ChildFilter {
  studentIds?: readonly string[];
  groupIds?: readonly string[];
}

// The children enrolled on the day (started, not withdrawn, attending the weekday), by group then name.
export async function loadDayChildren(
  db: Db,
  setting: ServiceDaySetting,
  filter: ChildFilter = {},
): Promise<DayChild[]> {
  const schoolId = setting.school.schoolId;
  const date = setting.date;
  const conditions = [
    eq(enrollments.schoolId, schoolId),
    eq(enrollments.termId, setting.term.termId),
    lte(enrollments.startsOn, date),
    or(isNull(enrollments.withdrawnFrom), sql`${enrollments.withdrawnFrom} > ${date}`),
    // A make-up working day runs the groups of the weekday it follows; attendance follows that day too.
    sql`${setting.groupWeekday} = any(${enrollments.weekdays})`,
  ];
  if (filter.studentIds) {
    if (filter.studentIds.length === 0) return [];
    conditions.push(inArray(enrollments.studentId, [...filter.studentIds]));
  }
  if (filter.groupIds) {
    if (filter.groupIds.length === 0) return [];
    conditions.push(inArray(groupMembers.groupId, [...filter.groupIds]));
  }
  // What the guardian recorded comes with each child in the same query (one round trip, not four):
  // the pickup persons in force, the leave covering the day (the latest asked), today's batch change.
  const rows = await db
    .select({
      studentId: students.studentId,
      enrollmentId: enrollments.enrollmentId,
      name: students.name,
      studentNo: students.studentNo,
      gender: students.gender,
      grade: classes.grade,
      className: classes.name,
      groupId: serviceGroups.groupId,
      groupName: serviceGroups.name,
      teacherUserId: staff.userId,
      mayLeaveAlone: enrollments.mayLeaveAlone,
      extendedCustody: enrollments.extendedCustody,
      extendedCustodyReason: enrollments.extendedCustodyReason,
      departureBatch: enrollments.departureBatch,
      pickupPersonIds: sql<string[]>`coalesce((
        select json_agg(p.person_id order by p.created_at, p.person_id) from ${pickupPersons} p
        where p.school_id = ${enrollments.schoolId} and p.student_id = ${enrollments.studentId}
          and p.removed_at is null), '[]'::json)`,
      leave: sql<LeaveJson | null>`(
        select json_build_object('leaveId', l.leave_id, 'fromDate', l.from_date, 'toDate', l.to_date,
          'reason', l.reason, 'requestedAt', l.requested_at, 'requestedBy', l.requested_by)
        from ${leaveRequests} l
        where l.school_id = ${enrollments.schoolId} and l.student_id = ${enrollments.studentId}
          and l.from_date <= ${date} and l.to_date >= ${date} and l.cancelled_at is null
        order by l.requested_at desc limit 1)`,
      batchToday: sql<string | null>`(
        select b.batch from ${batchChoices} b
        where b.school_id = ${enrollments.schoolId} and b.service_date = ${date}
          and b.student_id = ${enrollments.studentId})`,
    })
    .from(enrollments)
    .innerJoin(
      students,
      and(eq(students.schoolId, enrollments.schoolId), eq(students.studentId, enrollments.studentId)),
    )
    .innerJoin(classes, and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId)))
    .leftJoin(
      groupMembers,
      and(
        eq(groupMembers.schoolId, enrollments.schoolId),
        eq(groupMembers.enrollmentId, enrollments.enrollmentId),
        eq(groupMembers.termId, enrollments.termId),
        eq(groupMembers.weekday, setting.groupWeekday),
      ),
    )
    .leftJoin(
      serviceGroups,
      and(eq(serviceGroups.schoolId, groupMembers.schoolId), eq(serviceGroups.groupId, groupMembers.groupId)),
    )
    .leftJoin(
      staff,
      and(
        eq(staff.schoolId, serviceGroups.schoolId),
        eq(staff.staffId, serviceGroups.teacherStaffId),
        isNull(staff.archivedAt),
      ),
    )
    .where(and(...conditions))
    .orderBy(asc(serviceGroups.name), asc(classes.grade), asc(classes.name), asc(students.studentNo));

  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.studentId);
  const events = await db
    .select()
    .from(childDayEvents)
    .where(
      and(
        eq(childDayEvents.schoolId, schoolId),
        eq(childDayEvents.serviceDate, date),
        inArray(childDayEvents.studentId, ids),
      ),
    )
    .orderBy(asc(childDayEvents.seq));
  const eventsOf = groupBy(events, (e) => e.studentId);

  return rows.map((r) => {
    const facts: ChildFacts = {
      mayLeaveAlone: r.mayLeaveAlone,
      extendedCustody: r.extendedCustody,
      pickupPersonIds: r.pickupPersonIds,
    };
    const leave: DayLeave | null = r.leave
      ? {
          leaveId: r.leave.leaveId,
          fromDate: r.leave.fromDate,
          toDate: r.leave.toDate,
          reason: r.leave.reason,
          requestedAt: new Date(r.leave.requestedAt),
          requestedBy: r.leave.requestedBy,
        }
      : null;
    const childEvents = eventsOf.get(r.studentId) ?? [];
    const { day, currentMarkId } = replayChild(childEvents, facts, leave);
    const chosenBatch = r.batchToday ?? r.departureBatch;
    const dayBatch = batchForDay(setting.content.departureBatches, chosenBatch, setting.day.season);
    return {
      studentId: r.studentId,
      enrollmentId: r.enrollmentId,
      name: r.name,
      studentNo: r.studentNo,
      gender: r.gender,
      grade: r.grade,
      className: r.className,
      groupId: r.groupId,
      groupName: r.groupName,
      teacherUserId: r.teacherUserId,
      facts,
      extendedCustodyReason: r.extendedCustodyReason,
      chosenBatch: r.departureBatch,
      batch: dayBatch?.batch ?? null,
      batchChangedToday: r.batchToday !== null,
      leave,
      events: childEvents,
      day,
      status: statusOf(day),
      currentMarkId,
    };
  });
}

// One child of the day, or NOT_FOUND (not enrolled that day).
export async function loadDayChild(db: Db, setting: ServiceDaySetting, studentId: string): Promise<DayChild> {
  const [child] = await loadDayChildren(db, setting, { studentIds: [studentId] });
  if (!child) {
    throw new AppError('NOT_FOUND', {
      zh: '该学生当天不在课后服务名单中',
      en: 'The child is not in the service on this day',
    });
  }
  return child;
}

// Stored rows → domain events. The guardian's leave for the day counts as a first 请假 mark (F-11: it
// reaches the roll call pre-marked); anything the staff mark afterwards is a correction on top of it.
export function toDomainEvent(e: StoredEvent): ChildDayEvent {
  const at = e.at.toISOString();
  const by = e.byUser ?? 'system';
  switch (e.kind) {
    case 'mark':
      return { type: 'mark', mark: e.mark ?? 'present', at, by };
    case 'call':
      return { type: 'call', at, by };
    case 'custody':
      return { type: 'custody', staffId: e.staffId ?? '', at, automatic: e.automatic ?? false };
    case 'release':
      return { type: 'release', method: e.method ?? 'listed_person', personId: e.pickupPersonId, at, by };
    case 'contact':
      return { type: 'contact', at, by, result: e.result ?? '', reason: e.reason ?? '' };
    case 'escalate':
      return { type: 'escalate', at };
  }
}

export function replayChild(
  events: readonly StoredEvent[],
  facts: ChildFacts,
  leave: DayLeave | null,
): { day: ChildDay; currentMarkId: string | null } {
  const domainEvents: ChildDayEvent[] = [];
  if (leave) {
    domainEvents.push({
      type: 'mark',
      mark: 'leave',
      at: leave.requestedAt.toISOString(),
      by: leave.requestedBy,
    });
  }
  domainEvents.push(...events.map(toDomainEvent));
  const { day, refused } = replay(domainEvents, facts);
  // Marks refused on replay (e.g. the same mark twice) never became current.
  const offset = leave ? 1 : 0;
  const refusedAt = new Set(refused.map((r) => r.index - offset));
  let currentMarkId: string | null = null;
  events.forEach((e, i) => {
    if (e.kind === 'mark' && !refusedAt.has(i)) currentMarkId = e.eventId;
  });
  return { day, currentMarkId };
}

// A refusal of the child-day rules as the API's error, with the clause.
export function refusalError(refusal: ChildDayRefusal): AppError {
  const r = REFUSALS[refusal];
  return new AppError('CHILD_DAY_REFUSED', {
    zh: r.zh,
    en: r.en,
    details: { refusal, clause: r.clause },
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

// ── writing ──────────────────────────────────────────────────────────────────────────────────────

// The channel the gate boards listen on (LISTEN/NOTIFY): which children of which school and day changed.
export const DAY_CHANNEL = 'kehou_day';

export interface DayChange {
  schoolId: string;
  date: IsoDate;
  studentIds: string[];
  kind: string;
}

// Tells every server process (and so every open gate board) that these children's day changed. Sent
// inside the writing transaction: PostgreSQL delivers it on commit, never for a rolled-back write.
// A notification carries at most 8,000 bytes: large changes go out in parts.
export async function notifyDayChange(db: Db, change: DayChange): Promise<void> {
  const PART = 150;
  for (let i = 0; i === 0 || i < change.studentIds.length; i += PART) {
    const part = { ...change, studentIds: change.studentIds.slice(i, i + PART) };
    await db.execute(sql`select pg_notify(${DAY_CHANNEL}, ${JSON.stringify(part)})`);
  }
}

// The enrolled children of a service day with their day so far: who they are, their group, what
// the guardian recorded (batch, custody need, may leave alone, pickup persons, leave), and the stored
// events replayed by `src/domain/child-day.ts`. The one loader every daily feature reads, so the roll
// call, the gate and the duty chief see the same state.
import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { executeNamed } from '../../db/named-query.js';
import type { childDayEvents } from '../../db/schema.js';
import {
  type ChildDay,
  type ChildDayEvent,
  type ChildDayRefusal,
  type ChildDayStatus,
  type ChildFacts,
  REFUSALS,
  replay,
  statusOf,
  writableAfterClose,
} from '../../domain/child-day.js';
import type { IsoDate } from '../../domain/dates.js';
import { batchForDay, type DayBatch } from '../../domain/departure.js';
import { AppError } from '../errors.js';
import { dayLockKey, type ServiceDaySetting } from './service-day.js';

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

// One row of the day query (snake_case as PostgreSQL names the columns; JSON for the aggregates).
type DayRow = {
  student_id: string;
  enrollment_id: string;
  name: string;
  student_no: string;
  gender: 'male' | 'female';
  grade: number;
  class_name: string;
  group_id: string | null;
  group_name: string | null;
  teacher_user_id: string | null;
  may_leave_alone: boolean;
  extended_custody: boolean;
  extended_custody_reason: string | null;
  departure_batch: string;
  pickup_person_ids: string[];
  leave: LeaveJson | null;
  batch_today: string | null;
  events: EventJson[];
};

// A stored event as the day query returns it: row_to_json of child_day_events (times as ISO text).
type EventJson = Omit<StoredEvent, 'at' | 'recordedAt'> & { at: string; recordedAt: string };

// The events of a child's day in the order they were stored, as JSON keyed like StoredEvent.
const EVENTS_JSON = sql.raw(`coalesce((
  select json_agg(json_build_object(
    'schoolId', ev.school_id, 'eventId', ev.event_id, 'seq', ev.seq, 'serviceDate', ev.service_date,
    'studentId', ev.student_id, 'enrollmentId', ev.enrollment_id, 'kind', ev.kind, 'mark', ev.mark,
    'basedOn', ev.based_on, 'groupId', ev.group_id, 'method', ev.method,
    'pickupPersonId', ev.pickup_person_id, 'identityCheck', ev.identity_check, 'idLast4', ev.id_last4,
    'earlyBatchTime', ev.early_batch_time, 'earlyMinutes', ev.early_minutes,
    'staffId', ev.staff_id, 'automatic', ev.automatic,
    'contactPerson', ev.contact_person, 'result', ev.result, 'reason', ev.reason, 'note', ev.note,
    'at', ev.at, 'recordedAt', ev.recorded_at, 'byUser', ev.by_user, 'deviceId', ev.device_id)
    order by ev.seq)
  from child_day_events ev
  where ev.school_id = e.school_id and ev.service_date = d.day and ev.student_id = e.student_id), '[]'::json)`);

// The children enrolled on the day (started, not withdrawn, attending the weekday), by group then name.
// One query with one round trip: who each child is, the group and its teacher, what the guardian
// recorded (pickup persons in force, the leave covering the day — the latest asked —, today's batch
// change) and the day's events. It is written as SQL rather than with the query builder: every
// daily request runs it (a roll call of 30 marks spent more time building and mapping it than
// PostgreSQL spent running it).
export async function loadDayChildren(
  db: Pick<Db, '_'>,
  setting: ServiceDaySetting,
  filter: ChildFilter = {},
): Promise<DayChild[]> {
  const schoolId = setting.school.schoolId;
  const date = setting.date;
  if (filter.studentIds?.length === 0 || filter.groupIds?.length === 0) return [];
  const byStudent = filter.studentIds
    ? sql`and e.student_id = any(${sql.param([...filter.studentIds])}::uuid[])`
    : sql``;
  const byGroup = filter.groupIds
    ? sql`and g.group_id = any(${sql.param([...filter.groupIds])}::uuid[])`
    : sql``;
  const name = `kehou_day_children${filter.studentIds ? '_students' : ''}${filter.groupIds ? '_groups' : ''}`;
  const rows = await executeNamed<DayRow>(
    db,
    name,
    sql`
    select s.student_id, e.enrollment_id, s.name, s.student_no, s.gender, c.grade, c.name as class_name,
      g.group_id, g.name as group_name, g.teacher_user_id,
      e.may_leave_alone, e.extended_custody, e.extended_custody_reason, e.departure_batch,
      coalesce((
        select json_agg(p.person_id order by p.created_at, p.person_id) from pickup_persons p
        where p.school_id = e.school_id and p.student_id = e.student_id and p.removed_at is null
      ), '[]'::json) as pickup_person_ids,
      (
        select json_build_object('leaveId', l.leave_id, 'fromDate', l.from_date, 'toDate', l.to_date,
          'reason', l.reason, 'requestedAt', l.requested_at, 'requestedBy', l.requested_by)
        from leave_requests l
        where l.school_id = e.school_id and l.student_id = e.student_id
          and l.from_date <= d.day and l.to_date >= d.day and l.cancelled_at is null
        order by l.requested_at desc limit 1
      ) as leave,
      (
        select b.batch from batch_choices b
        where b.school_id = e.school_id and b.service_date = d.day and b.student_id = e.student_id
      ) as batch_today,
      ${EVENTS_JSON} as events
    from (select ${date}::date as day, ${setting.groupWeekday}::smallint as weekday) d
    join enrollments e on e.school_id = ${schoolId} and e.term_id = ${setting.term.termId}
      and e.starts_on <= d.day and (e.withdrawn_from is null or e.withdrawn_from > d.day)
      -- A make-up working day runs the groups of the weekday it follows; attendance follows that day too.
      and d.weekday = any(e.weekdays)
    join students s on s.school_id = e.school_id and s.student_id = e.student_id
    join classes c on c.school_id = s.school_id and c.class_id = s.class_id
    -- Each child's group looked up by the child, through the key of group_members (one row at most;
    -- the limit keeps the planner from merging it into the joins above, where it took the children
    -- for one row and scanned the school's groups once per child: 20 ms instead of 0.5).
    left join lateral (
      select g.group_id, g.name, t.user_id as teacher_user_id
      from group_members gm
      join service_groups g on g.school_id = gm.school_id and g.group_id = gm.group_id
      left join staff t on t.school_id = g.school_id and t.staff_id = g.teacher_staff_id
        and t.archived_at is null
      where gm.school_id = e.school_id and gm.term_id = e.term_id and gm.weekday = d.weekday
        and gm.enrollment_id = e.enrollment_id
      limit 1
    ) g on true
    where true ${byStudent} ${byGroup}
    order by g.name, c.grade, c.name, s.student_no`,
  );

  return rows.map((r) => {
    const facts: ChildFacts = {
      mayLeaveAlone: r.may_leave_alone,
      extendedCustody: r.extended_custody,
      pickupPersonIds: r.pickup_person_ids,
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
    const childEvents: StoredEvent[] = r.events.map((e) => ({
      ...e,
      at: new Date(e.at),
      recordedAt: new Date(e.recordedAt),
    }));
    const { day, currentMarkId } = replayChild(childEvents, facts, leave);
    const dayBatch = batchForDay(
      setting.content.departureBatches,
      r.batch_today ?? r.departure_batch,
      setting.day.season,
    );
    return {
      studentId: r.student_id,
      enrollmentId: r.enrollment_id,
      name: r.name,
      studentNo: r.student_no,
      gender: r.gender,
      grade: r.grade,
      className: r.class_name,
      groupId: r.group_id,
      groupName: r.group_name,
      teacherUserId: r.teacher_user_id,
      facts,
      extendedCustodyReason: r.extended_custody_reason,
      chosenBatch: r.departure_batch,
      batch: dayBatch?.batch ?? null,
      batchChangedToday: r.batch_today !== null,
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
export async function notifyDayChange(db: Pick<Db, 'execute'>, change: DayChange): Promise<void> {
  for (const part of changeParts(change)) await db.execute(sql`select pg_notify(${DAY_CHANNEL}, ${part})`);
}

// A notification carries at most 8,000 bytes: a change of many children goes out in parts.
function changeParts(change: DayChange): string[] {
  const PART = 150;
  const parts: string[] = [];
  for (let i = 0; i === 0 || i < change.studentIds.length; i += PART) {
    parts.push(JSON.stringify({ ...change, studentIds: change.studentIds.slice(i, i + PART) }));
  }
  return parts;
}

// The columns `appendDayEvents` writes, with their types.
const EVENT_COLUMNS = {
  school_id: 'uuid',
  event_id: 'uuid',
  service_date: 'date',
  student_id: 'uuid',
  enrollment_id: 'uuid',
  kind: 'text',
  mark: 'text',
  based_on: 'uuid',
  group_id: 'uuid',
  method: 'text',
  pickup_person_id: 'uuid',
  identity_check: 'text',
  id_last4: 'text',
  early_batch_time: 'text',
  early_minutes: 'integer',
  staff_id: 'uuid',
  automatic: 'boolean',
  contact_person: 'text',
  result: 'text',
  reason: 'text',
  note: 'text',
  at: 'timestamptz',
  recorded_at: 'timestamptz',
  by_user: 'uuid',
  device_id: 'text',
} as const;

// One event as the JSON object `appendDayEvents` sends (every column, by name).
function eventRow(e: NewEvent): Record<keyof typeof EVENT_COLUMNS, unknown> {
  return {
    school_id: e.schoolId,
    event_id: e.eventId ?? null,
    service_date: e.serviceDate,
    student_id: e.studentId,
    enrollment_id: e.enrollmentId,
    kind: e.kind,
    mark: e.mark ?? null,
    based_on: e.basedOn ?? null,
    group_id: e.groupId ?? null,
    method: e.method ?? null,
    pickup_person_id: e.pickupPersonId ?? null,
    identity_check: e.identityCheck ?? null,
    id_last4: e.idLast4 ?? null,
    early_batch_time: e.earlyBatchTime ?? null,
    early_minutes: e.earlyMinutes ?? null,
    staff_id: e.staffId ?? null,
    automatic: e.automatic ?? null,
    contact_person: e.contactPerson ?? null,
    result: e.result ?? null,
    reason: e.reason ?? null,
    note: e.note ?? null,
    at: e.at,
    recorded_at: e.recordedAt ?? null,
    by_user: e.byUser ?? null,
    device_id: e.deviceId ?? null,
  };
}

// INSERT … SELECT from the events sent as one JSON array of objects keyed by column: one parameter,
// made by JSON.stringify and read by PostgreSQL's JSON parser.
const COLUMNS = Object.keys(EVENT_COLUMNS);
const EVENT_INSERT = sql.raw(
  `insert into child_day_events (${COLUMNS.join(', ')}) select ${COLUMNS.map((c) =>
    c === 'event_id'
      ? 'coalesce(event_id, gen_random_uuid())'
      : c === 'recorded_at'
        ? 'coalesce(recorded_at, now())'
        : c,
  ).join(', ')} from json_to_recordset(`,
);
const EVENT_RECORD = sql.raw(
  `::json) as e(${Object.entries(EVENT_COLUMNS)
    .map(([c, type]) => `${c} ${type}`)
    .join(', ')})`,
);

// Appends events of one school's day, if the day is not closed (F-16), and tells the gate boards
// (`notifyDayChange`), all in one statement: the events go as one JSON parameter (a roll call of 30
// marks is one INSERT with 5 parameters rather than 630), and the check of the closure and the
// notification ride along — each round trip to PostgreSQL costs more than the work it carries. Every
// writer of a child's day appends through here, after `lockDayWrite`.
// Returns false, with nothing inserted, when the day is closed: the caller refuses (DAY_CLOSED) and
// its transaction rolls back, which also withdraws the notification. Under the day's lock
// (`lockDayWrite`) the closure it reads cannot change before commit. Unique keys refuse as usual: an
// event id stored already (child_day_events_school_id_event_id_pk), a second release or custody of a
// child's day.
//
// Options:
// - `also`: one more data-modifying statement to run in the same round trip (e.g. the request's
//   idempotent answer); its name distinguishes the prepared statement's variant;
// - `whenClosed: 'append'`: for the records still accepted after the close (`writableAfterClose` in
//   child-day.ts: the release of a child in custody, a late follow-up contact; `closedDayWrite`
//   decides it for one child), appended whatever the closure.
export async function appendDayEvents(
  db: Pick<Db, '_'>,
  change: DayChange,
  events: readonly NewEvent[],
  options: { also?: { name: string; statement: SQL }; whenClosed?: 'refuse' | 'append' } = {},
): Promise<boolean> {
  if (events.some((e) => e.schoolId !== change.schoolId || e.serviceDate !== change.date)) {
    throw new Error('appendDayEvents: every event must be of the day of the change');
  }
  const { also } = options;
  const late = options.whenClosed === 'append';
  const closed = late
    ? sql`select false as closed`
    : sql`select exists (select 1 from day_closures
        where school_id = ${change.schoolId} and service_date = ${change.date}) as closed`;
  const [row] = await executeNamed<{ open: boolean }>(
    db,
    `kehou_append_day_events${also ? `_${also.name}` : ''}${late ? '_late' : ''}`,
    sql`
    with ${also ? sql`also as (${also.statement}), ` : sql``}closed as (${closed}), inserted as (
      ${EVENT_INSERT}${JSON.stringify(events.map(eventRow))}${EVENT_RECORD}
      where not (select closed from closed)
      returning 1
    )
    select not closed as open,
      (select count(*) from inserted) as inserted,
      (select count(pg_notify(${DAY_CHANNEL}, part)) from unnest(${sql.param(changeParts(change))}::text[]) part)
        as notified
    from closed`,
  );
  return row?.open === true;
}

// ── locks ────────────────────────────────────────────────────────────────────────────────────────

// Every write to a child's day — a mark, a follow-up contact, an escalation, a call, a custody, a
// release — takes the child's lock inside its transaction (released at commit), in key order when
// there are several children, and reads the child's day only after it. Two phones correcting one
// child see each other's mark (MARK_CONFLICT); a teacher's correction and the gate's release of the
// same child are put in order, so neither is decided on a state the other has just changed; two gates
// releasing one child at once: the second sees the first's release. The release and custody unique
// keys stay the last word whatever a writer forgets.
function childLocks(schoolId: string, date: IsoDate, studentIds: readonly string[]): SQL {
  const keys = [...new Set(studentIds)].map((id) => `kehou_child_day/${schoolId}/${date}/${id}`);
  return sql`(select pg_advisory_xact_lock(k) from (select hashtextextended(t, 0) as k
    from unnest(${sql.param(keys)}::text[]) as t order by 1) as keys) as locks`;
}

// The children's locks alone: for the late follow-up contact, accepted after the day's close.
export async function lockChildDays(
  db: Pick<Db, '_'>,
  schoolId: string,
  date: IsoDate,
  studentIds: readonly string[],
): Promise<void> {
  if (studentIds.length === 0) return;
  await executeNamed(
    db,
    'kehou_lock_child_days',
    sql`select count(*) from ${childLocks(schoolId, date, studentIds)}`,
  );
}

// The locks of a write to children's days, in one statement: the children's, then the day's, shared
// (`dayLockKey`: the close takes it exclusive, so a close waits for the writes in flight and a write
// after it sees the closure). `closed`: the day was closed when the statement began — the caller
// refuses at once (DAY_CLOSED). A close that committed while the statement waited is not seen here
// (the statement's snapshot is older) but by `appendDayEvents`, which refuses then.
export async function lockDayWrite(
  db: Pick<Db, '_'>,
  schoolId: string,
  date: IsoDate,
  studentIds: readonly string[],
): Promise<{ closed: boolean }> {
  const [row] = await executeNamed<{ closed: boolean }>(
    db,
    'kehou_lock_day_write',
    sql`select pg_advisory_xact_lock_shared(hashtext(${dayLockKey(schoolId, date)})) as locked,
        exists (select 1 from day_closures where school_id = ${schoolId} and service_date = ${date}) as closed
      from (select count(*) from ${childLocks(schoolId, date, studentIds)}) as children`,
  );
  return { closed: row?.closed === true };
}

// The kinds of a child's day event (`ChildDayEvent`), as stored.
export type DayEventKind = ChildDayEvent['type'];

// Whether a write of `kind` to this child's day goes in once the day is closed (F-16, the one rule
// `writableAfterClose`: the release of a child in custody, a late follow-up contact): 'append' whatever
// the closure, else 'refuse' when closed. `day` must be read under the child's lock, so the status the
// rule looks at cannot change before commit.
export function closedDayWrite(kind: DayEventKind, day: ChildDay): 'append' | 'refuse' {
  return writableAfterClose(kind, statusOf(day)) ? 'append' : 'refuse';
}

// One child's day opened for a write of `kind`: locked (`lockDayWrite`) and read under the lock
// (NOT_FOUND when the child is not in the service that day). DAY_CLOSED when the day is closed and the
// write is not one still accepted after the close (`closedDayWrite`: e.g. the release of a child in
// custody goes on).
export async function lockDayChild(
  db: Db,
  setting: ServiceDaySetting,
  studentId: string,
  kind: DayEventKind,
): Promise<DayChild> {
  const { closed } = await lockDayWrite(db, setting.school.schoolId, setting.date, [studentId]);
  const child = await loadDayChild(db, setting, studentId);
  if (closed && closedDayWrite(kind, child.day) === 'refuse') throw new AppError('DAY_CLOSED');
  return child;
}

// One event of one child's day, appended after `lockDayChild` (or `lockChildDays` for the late
// follow-up) and the domain rule: the day's and the child's keys come from the child, the boards are
// told the event's kind. DAY_CLOSED when the day was closed while the writer waited for the lock,
// unless the write is one still accepted after the close (`closedDayWrite` on the child's day as read
// under the lock; `whenClosed` overrides it). A write the rule accepts after the close is appended
// whether or not the close came first: a release of a child in custody racing with the close is
// stored before it or after it, never lost.
// Returns the event's id (`eventId` when the caller chose it, e.g. the phone's id of a contact).
// `also`: as for `appendDayEvents` (the gate's writes send their audit record along).
export async function appendChildEvent(
  db: Pick<Db, '_'>,
  setting: ServiceDaySetting,
  child: Pick<DayChild, 'studentId' | 'enrollmentId' | 'groupId' | 'day'>,
  event: Omit<NewEvent, 'schoolId' | 'serviceDate' | 'studentId' | 'enrollmentId' | 'groupId'> & {
    kind: DayEventKind;
  },
  options: { whenClosed?: 'refuse' | 'append'; also?: { name: string; statement: SQL } } = {},
): Promise<string> {
  const schoolId = setting.school.schoolId;
  const eventId = event.eventId ?? randomUUID();
  const appended = await appendDayEvents(
    db,
    { schoolId, date: setting.date, studentIds: [child.studentId], kind: event.kind },
    [
      {
        ...event,
        schoolId,
        eventId,
        serviceDate: setting.date,
        studentId: child.studentId,
        enrollmentId: child.enrollmentId,
        groupId: child.groupId,
      },
    ],
    { ...options, whenClosed: options.whenClosed ?? closedDayWrite(event.kind, child.day) },
  );
  if (!appended) throw new AppError('DAY_CLOSED');
  return eventId;
}

import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/connect.js';
import { guardianships, students } from '../../../db/schema.js';
import { type AttendanceMark, applyEvent, type ChildDay, REFUSALS } from '../../../domain/child-day.js';
import { chineseDate, type IsoDate } from '../../../domain/dates.js';
import type { ActorContext } from '../../context.js';
import {
  appendDayEvents,
  type DayChild,
  loadDayChildren,
  lockDayWrite,
  type NewEvent,
} from '../../daily/child-days.js';
import { dayClosure } from '../../daily/service-day.js';
import { AppError, errorBody, isUniqueViolation } from '../../errors.js';
import { inAppNotifier, type Message, type Notifier } from '../../notifications.js';
import { answerStatement } from '../../plugins/idempotency.js';
import { checkTimes, inScope, loadDayAccess, notInService } from './day-access.js';
import { type MarkResult, type MarksBody, type MarksResult, marksResultSchema } from './schemas.js';

const MARK_ZH: Record<AttendanceMark, string> = {
  present: '到',
  late: '迟到',
  absent: '缺席',
  leave: '请假',
};

// F-11 roll call (A 三.5 在册的学生应当每天点名), from the phone and from its offline queue (B-4).
//
// The request as a whole is refused, with nothing stored, when it is not acceptable as such: not a
// service day, the day closed (F-16), a child not in the actor's care that day (another group is
// "not found" for a care teacher), a time in the future or not on the day. Otherwise every mark gets
// its own answer, in the order sent (several marks of one child chain):
// - `duplicate`: a mark with this id is stored already — a replay does nothing;
// - `unchanged`: the child has this mark already (same_mark in the domain) — nothing stored;
// - `conflict` (MARK_CONFLICT): `basedOn` is not the child's mark in force — someone corrected the
//   child meanwhile; both marks are in the details, nothing is overwritten, the teacher decides;
// - `refused` (CHILD_DAY_REFUSED): the child's day does not allow it (in custody, released…), with
//   the clause;
// - `saved`: appended to the child's day; a correction keeps the earlier mark in the history.
// Per-mark answers let an offline queue sync whatever is good and show the teacher the rest.
// An absence opens a follow-up (domain) and tells the guardians (F-30) in the same transaction.
//
// With `idempotency` (the request's key, held by plugins/idempotency.ts), the answer is kept in the
// same statement as the marks: the result comes back with the JSON text to send (`body`), and
// `answered` true when it was kept (when no mark was new, the plugin keeps it as for any route).
export async function submitMarks(
  ctx: ActorContext & { notifier?: Notifier },
  options: {
    schoolId: string;
    date: IsoDate;
    body: MarksBody;
    idempotency?: { userId: string; key: string } | null;
  },
): Promise<{ result: MarksResult; body: string; answered: boolean }> {
  const access = await loadDayAccess(ctx, { ...options, action: 'attendance.mark' });
  const { setting } = access;
  const schoolId = setting.school.schoolId;
  const date = setting.date;
  const marks = options.body.marks;
  checkTimes(
    ctx,
    date,
    marks.map((m, i) => ({ path: `body.marks.${i}.at`, at: m.at })),
  );
  const studentIds = [...new Set(marks.map((m) => m.studentId))];

  return ctx.db.transaction(async (tx) => {
    if ((await lockDayWrite(tx, schoolId, date, studentIds)).closed) throw new AppError('DAY_CLOSED');
    const children = await loadDayChildren(tx, setting, { studentIds });
    const childOf = new Map(children.map((c) => [c.studentId, c]));
    for (const id of studentIds) {
      const child = childOf.get(id);
      if (!child || !inScope(access, ctx.actor.userId, child)) throw notInService();
    }
    // A mark whose id is among the child's stored events is a replay (the children's days are loaded
    // under their locks); an id stored for another child or day shows up as a conflict of the insert.
    const storedOf = new Map(children.flatMap((c) => c.events.map((e) => [e.eventId, e.studentId] as const)));

    // The state of each child as the marks of this request are applied in order.
    const state = new Map(
      children.map((c) => [
        c.studentId,
        { day: c.day as ChildDay, markId: c.currentMarkId, mark: c.day.marks.at(-1)?.mark ?? null },
      ]),
    );
    const rows: NewEvent[] = [];
    const results: MarkResult[] = [];
    const absentNow = new Set<string>();
    for (const m of marks) {
      const child = childOf.get(m.studentId) as DayChild;
      const s = state.get(m.studentId) as {
        day: ChildDay;
        markId: string | null;
        mark: AttendanceMark | null;
      };
      const answer = (status: MarkResult['status'], error: MarkResult['error'] = null) =>
        results.push({
          id: m.id,
          studentId: m.studentId,
          status,
          current: { markId: s.markId, mark: s.mark },
          error,
        });
      const storedFor = storedOf.get(m.id);
      if (storedFor !== undefined) {
        if (storedFor !== m.studentId) throw markIdTaken(m.id);
        answer('duplicate');
        continue;
      }
      if (m.basedOn !== s.markId) {
        // Someone corrected the child since the phone last saw it. The same outcome is no conflict.
        if (m.mark === s.mark) {
          answer('unchanged');
          continue;
        }
        const current = child.events.find((e) => e.eventId === s.markId) ?? null;
        const error = new AppError('MARK_CONFLICT', {
          details: {
            yours: { id: m.id, mark: m.mark, at: m.at, basedOn: m.basedOn },
            current: {
              id: s.markId,
              mark: s.mark,
              at: current?.at.toISOString() ?? null,
              byUser: current?.byUser ?? null,
            },
          },
        });
        answer('conflict', asResultError(error));
        continue;
      }
      const outcome = applyEvent(
        s.day,
        { type: 'mark', mark: m.mark, at: new Date(m.at).toISOString(), by: ctx.actor.userId },
        child.facts,
      );
      if (!outcome.ok) {
        if (outcome.refusal === 'same_mark') {
          answer('unchanged');
          continue;
        }
        const r = REFUSALS[outcome.refusal];
        answer(
          'refused',
          asResultError(
            new AppError('CHILD_DAY_REFUSED', {
              zh: r.zh,
              en: r.en,
              details: { refusal: outcome.refusal, clause: r.clause },
            }),
          ),
        );
        continue;
      }
      rows.push({
        schoolId,
        eventId: m.id,
        serviceDate: date,
        studentId: m.studentId,
        enrollmentId: child.enrollmentId,
        kind: 'mark',
        mark: m.mark,
        basedOn: m.basedOn,
        groupId: child.groupId,
        at: new Date(m.at),
        recordedAt: ctx.clock.now(),
        byUser: ctx.actor.userId,
        deviceId: m.deviceId,
      });
      s.day = outcome.day;
      s.markId = m.id;
      s.mark = m.mark;
      if (m.mark === 'absent') absentNow.add(m.studentId);
      else absentNow.delete(m.studentId);
      answer('saved');
    }

    // Each result's `current` is the child's mark after the whole request.
    for (const r of results) {
      const s = state.get(r.studentId);
      if (s) r.current = { markId: s.markId, mark: s.mark };
    }
    const result: MarksResult = { date, saved: results.filter((r) => r.status === 'saved').length, results };
    // The text the response schema's serializer would make (fastify-type-provider-zod).
    const body = JSON.stringify(z.encode(marksResultSchema, result));
    const held = options.idempotency ?? null;
    const change = { schoolId, date, studentIds: [...new Set(rows.map((r) => r.studentId))], kind: 'mark' };
    let open: boolean;
    try {
      open =
        rows.length > 0
          ? await appendDayEvents(
              tx,
              change,
              rows,
              held ? { also: { name: 'answer', statement: answerStatement(held, 200, body) } } : {},
            )
          : (await dayClosure(tx, schoolId, date)) === null;
    } catch (error) {
      // Not among the children's stored events, yet stored: the id is another child's or another day's.
      if (isUniqueViolation(error, 'child_day_events_school_id_event_id_pk')) throw foreignId(error);
      throw error;
    }
    if (!open) throw new AppError('DAY_CLOSED');
    // A child marked absent now (and not corrected later in the same request): tell the guardians.
    if (absentNow.size > 0) {
      await (ctx.notifier ?? inAppNotifier).send(
        tx,
        await absenceMessages(tx, schoolId, date, setting.school.name, [...absentNow], ctx.clock.now()),
      );
    }
    return { result, body, answered: held !== null && rows.length > 0 };
  });
}

// A mark id stored already for another child or another day: the whole request is refused, nothing
// stored. Found among the children's loaded events (another child of this request), or by the insert
// (child_day_events_school_id_event_id_pk: a child or day not loaded here).
function markIdTaken(id: string): AppError {
  return new AppError('VALIDATION_FAILED', {
    zh: '点名记录编号已用于另一名学生或另一天',
    en: 'This mark id belongs to another child or another day',
    details: { fields: [{ path: 'body.marks.id', message: id }] },
  });
}

// The id named by the key violation's detail: `Key (school_id, event_id)=(…, <id>) already exists.`
function foreignId(error: unknown): AppError {
  const detail = error as { cause?: { detail?: string }; detail?: string };
  const text = detail.cause?.detail ?? detail.detail ?? '';
  return markIdTaken(/=\([^,]+, ([^)]+)\)/.exec(text)?.[1] ?? '');
}

function asResultError(error: AppError): MarkResult['error'] {
  const body = errorBody(error);
  return { code: body.error, message: body.message, details: error.details ?? {} };
}

// F-30: 孩子今天未到课后服务 — to every guardian of each child, so that one of them answers the call.
async function absenceMessages(
  db: Pick<Db, 'select'>,
  schoolId: string,
  date: IsoDate,
  schoolName: string,
  studentIds: readonly string[],
  at: Date,
): Promise<Message[]> {
  if (studentIds.length === 0) return [];
  const links = await db
    .select({ studentId: guardianships.studentId, userId: guardianships.userId, name: students.name })
    .from(guardianships)
    .innerJoin(
      students,
      and(eq(students.schoolId, guardianships.schoolId), eq(students.studentId, guardianships.studentId)),
    )
    .where(and(eq(guardianships.schoolId, schoolId), inArray(guardianships.studentId, [...studentIds])));
  return links.map((l) => ({
    schoolId,
    userId: l.userId,
    kind: 'absence',
    title: { zh: '课后服务缺席提醒', en: 'Absent from after-school care' },
    body: {
      zh: `孩子今天未到课后服务：${l.name}（${chineseDate(date)}）被点名为${MARK_ZH.absent}。如已知情请忽略；老师会与您联系了解情况（${schoolName}）。`,
      en: `${l.name} has not come to after-school care today (${date}). The teacher will contact you to find out why (${schoolName}).`,
    },
    data: { studentId: l.studentId, date },
    at,
  }));
}

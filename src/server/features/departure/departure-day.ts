// What every departure request shares: the school and service day, who may act on which child, the
// names behind a release or custody.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { guardianships, pickupPersons, staff, users } from '../../../db/schema.js';
import { writableAfterClose } from '../../../domain/child-day.js';
import type { IsoDate } from '../../../domain/dates.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import type { DayChild } from '../../daily/child-days.js';
import { dayClosure, loadServiceDay, type ServiceDaySetting } from '../../daily/service-day.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { type Action, can, type Target } from '../../policies/policy.js';
import { loadSchool } from '../plans/plan-setting.js';
import type { CustodyDetail, ReleaseDetail } from './schemas.js';

export interface DepartureDay {
  setting: ServiceDaySetting;
  target: Target;
  // Every child of the school (office, duty chief, gate), or only the groups the care teacher leads.
  whole: boolean;
  // Phones in full (roster.full_phones), else masked as on the gate's roster.
  fullPhones: boolean;
}

// The gate works on today only: a release, call or custody is recorded at the server's now, in the
// school's zone (Asia/Shanghai), so a date other than today is a mistake of the page, not a record.
export function assertToday(ctx: ActorContext, date: string): void {
  const today = schoolDate(ctx.clock.now());
  if (date !== today) {
    throw new AppError('VALIDATION_FAILED', {
      zh: `只能办理今天（${today}）的离校与托管`,
      en: `Departures and custody are recorded for today (${today}) only`,
      details: { fields: [{ path: 'params.date', message: today }], today },
    });
  }
}

// Authorizes `action` at the school, then loads the day (NOT_A_SERVICE_DAY for a date without
// service). `write` also requires today and a day not yet closed by the duty chief (F-16). With
// `write: 'caller-checks-closure'` the caller reads the closure itself, in a statement it runs anyway:
// a writer under the day's lock (`lockDayChild`, `appendDayEvents`), the gate's look-up with the code.
export async function openDepartureDay(
  ctx: ActorContext,
  options: { schoolId: string; date: string; action: Action; write: boolean | 'caller-checks-closure' },
): Promise<DepartureDay> {
  const school = await loadSchool(ctx.db, options.schoolId);
  const target = { regionPath: school.regionPath, schoolId: school.schoolId };
  authorize(ctx.actor, options.action, target);
  if (options.write) assertToday(ctx, options.date);
  const setting = await loadServiceDay(ctx.db, school, options.date as IsoDate);
  if (options.write === true && (await dayClosure(ctx.db, school.schoolId, setting.date))) {
    throw new AppError('DAY_CLOSED');
  }
  return {
    setting,
    target,
    whole: can(ctx.actor, 'roster.whole_school', target),
    fullPhones: can(ctx.actor, 'roster.full_phones', target),
  };
}

// F-16 on a closed day the gate still releases a child in extended custody (`writableAfterClose`, the
// rule the release itself follows under the child's lock): the look-up and the check of the code before
// it are refused (DAY_CLOSED) only for a child whose release would be. `closed`: the closure when the
// caller has read it already.
export async function assertReleaseAccepted(
  db: Db,
  setting: ServiceDaySetting,
  child: Pick<DayChild, 'status'>,
  closed?: boolean,
): Promise<void> {
  if (writableAfterClose('release', child.status)) return;
  const isClosed = closed ?? (await dayClosure(db, setting.school.schoolId, setting.date)) !== null;
  if (isClosed) throw new AppError('DAY_CLOSED');
}

// A 三.1 看护人员对被看护学生承担安全直接责任: a care teacher acts on the children of the groups they
// lead; the office, the duty chief and the gate on every child.
export function assertChildInScope(ctx: ActorContext, day: DepartureDay, child: DayChild): void {
  if (day.whole) return;
  if (child.teacherUserId !== null && child.teacherUserId === ctx.actor.userId) return;
  throw new AppError('FORBIDDEN', {
    zh: '只能为自己带的班组的学生办理',
    en: 'You can act only for the children of the groups you lead',
  });
}

export interface DayDetails {
  calledAt: string | null;
  release: ReleaseDetail | null;
  custody: CustodyDetail | null;
}

// The names behind the day's call, release and custody of each child (a removed pickup person still
// names whom a past release was to).
export async function dayDetails(
  db: Db,
  schoolId: string,
  children: readonly DayChild[],
): Promise<Map<string, DayDetails>> {
  const releases = children.flatMap((c) => c.events.filter((e) => e.kind === 'release'));
  const custodies = children.flatMap((c) => c.events.filter((e) => e.kind === 'custody'));
  const personIds = [...new Set(releases.flatMap((e) => (e.pickupPersonId ? [e.pickupPersonId] : [])))];
  const userIds = [...new Set(releases.flatMap((e) => (e.byUser ? [e.byUser] : [])))];
  const staffIds = [...new Set(custodies.flatMap((e) => (e.staffId ? [e.staffId] : [])))];
  const [persons, people, staffRows] = await Promise.all([
    personIds.length
      ? db
          .select({ id: pickupPersons.personId, name: pickupPersons.name, relation: pickupPersons.relation })
          .from(pickupPersons)
          .where(and(eq(pickupPersons.schoolId, schoolId), inArray(pickupPersons.personId, personIds)))
      : [],
    userIds.length
      ? db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds))
      : [],
    staffIds.length
      ? db
          .select({ id: staff.staffId, name: staff.name })
          .from(staff)
          .where(and(eq(staff.schoolId, schoolId), inArray(staff.staffId, staffIds)))
      : [],
  ]);
  const personOf = new Map(persons.map((p) => [p.id, p]));
  const nameOf = new Map(people.map((u) => [u.id, u.name]));
  const staffOf = new Map(staffRows.map((s) => [s.id, s.name]));
  const details = new Map<string, DayDetails>();
  for (const child of children) {
    const { day } = child;
    const releaseEvent = child.events.find((e) => e.kind === 'release');
    const custodyEvent = child.events.find((e) => e.kind === 'custody');
    const person = day.release?.personId ? personOf.get(day.release.personId) : undefined;
    details.set(child.studentId, {
      calledAt: day.called?.at ?? null,
      release: day.release
        ? {
            at: day.release.at,
            method: day.release.method,
            person: person ? { id: person.id, name: person.name, relation: person.relation } : null,
            byName: releaseEvent?.byUser ? (nameOf.get(releaseEvent.byUser) ?? null) : null,
            identityCheck: releaseEvent?.identityCheck
              ? { method: releaseEvent.identityCheck, last4: releaseEvent.idLast4 ?? null }
              : null,
            early:
              releaseEvent?.earlyBatchTime && releaseEvent.earlyMinutes !== null
                ? { batchTime: releaseEvent.earlyBatchTime, minutesEarly: releaseEvent.earlyMinutes }
                : null,
          }
        : null,
      custody: day.custody
        ? {
            at: day.custody.at,
            staffId: day.custody.staffId,
            staffName: custodyEvent?.staffId ? (staffOf.get(custodyEvent.staffId) ?? null) : null,
            automatic: day.custody.automatic,
          }
        : null,
    });
  }
  return details;
}

// The accounts of a child's guardians, who are told of the release, the call and custody (F-30).
export async function guardianAccounts(
  db: Db,
  schoolId: string,
  studentIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (studentIds.length === 0) return new Map();
  const rows = await db
    .select({ studentId: guardianships.studentId, userId: guardianships.userId })
    .from(guardianships)
    .where(and(eq(guardianships.schoolId, schoolId), inArray(guardianships.studentId, [...studentIds])));
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.studentId, [...(map.get(r.studentId) ?? []), r.userId]);
  return map;
}

export function today(ctx: Pick<ActorContext, 'clock'>): IsoDate {
  return schoolDate(ctx.clock.now()) as IsoDate;
}

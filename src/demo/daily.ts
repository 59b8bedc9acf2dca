// Demo daily operation (issue 5) for `npm run demo`: the demo runs on a demo clock set to the most
// recent service day of 东湖区实验小学, so a walk-through works on a Sunday or in the holidays. The
// service days before it are complete (roll call, releases, custody, the duty chief's close); on the
// demo day itself every group but the demo teacher's has had its roll call at 15:35 (a few absences,
// one already followed up, two guardians' leave), so the teacher still has a roll call to make and
// the gate has children to release. Idempotent: a day that has events is left alone.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database, Db } from '../db/connect.js';
import {
  childDayEvents,
  dayClosures,
  guardianships,
  leaveRequests,
  pickupPersons,
  plans,
  schools,
  staff,
  users,
} from '../db/schema.js';
import { planTermDays, type ServiceDay, serviceDayAtOrBefore } from '../domain/calendar.js';
import { dayCloseProblems } from '../domain/child-day.js';
import { addDays, type IsoDate } from '../domain/dates.js';
import { dayCounts } from '../domain/day-close.js';
import { serviceStart } from '../domain/grouping-rules.js';
import { DemoClock, schoolDate, schoolInstant } from '../server/clock.js';
import { type DayChild, loadDayChildren } from '../server/daily/child-days.js';
import { dutyChiefOf, loadServiceDay, type ServiceDaySetting } from '../server/daily/service-day.js';
import { loadTermNotice } from '../server/features/applications/application-setting.js';
import { dayMoment } from '../server/features/day-close/day-moment.js';
import { loadPlanSetting, loadSchool } from '../server/features/plans/plan-setting.js';
import { DEMO_ENROLLMENT_SCHOOL } from './enrollment.js';
import { prng } from './random.js';

// The demo afternoon starts here (children arrive from 15:30; the first batch leaves at 17:00).
export const DEMO_START_TIME = '15:50';
const HISTORY_DAYS = 3;

async function demoSchool(db: Db) {
  const [row] = await db
    .select({ schoolId: schools.schoolId })
    .from(schools)
    .where(eq(schools.code, DEMO_ENROLLMENT_SCHOOL));
  return row ? loadSchool(db, row.schoolId) : null;
}

// Every service day of the demo school's term from the unified start, oldest first.
export async function demoTermServiceDays(db: Db): Promise<ServiceDay[]> {
  const school = await demoSchool(db);
  if (!school) return [];
  const [plan] = await db
    .select({ termId: plans.termId })
    .from(plans)
    .where(and(eq(plans.schoolId, school.schoolId), eq(plans.status, 'approved')));
  if (!plan) return [];
  const notice = await loadTermNotice(db, school.schoolId, plan.termId).catch(() => null);
  if (!notice) return [];
  const setting = await loadPlanSetting(db, school, plan.termId, {
    status: 'approved',
    policyVersionId: notice.policyVersionId,
  });
  const start = serviceStart(notice.term);
  return planTermDays({
    term: notice.term,
    plan: notice.content,
    policy: setting.policyVersion.policy,
    overrides: setting.overrides,
    noServiceDays: setting.noServiceDays,
  }).serviceDays.filter((d) => d.date >= start);
}

// The service days up to the demo day (the most recent at or before `today`), oldest first.
async function demoServiceDays(db: Db, today: IsoDate): Promise<IsoDate[]> {
  const days = await demoTermServiceDays(db);
  const latest = serviceDayAtOrBefore(days, today);
  return days.filter((d) => latest !== null && d.date <= latest.date).map((d) => d.date);
}

// The moment the demo clock starts at: the most recent service day (today when it is one) at 15:50.
export async function demoClockStart(database: Database, today: Date): Promise<Date | null> {
  const days = await demoServiceDays(database.db, schoolDate(today));
  const day = days.at(-1);
  return day ? schoolInstant(day, DEMO_START_TIME) : null;
}

export async function seedDemoDays(
  database: Database,
  options: { clockStart: Date; log?: (line: string) => void },
): Promise<void> {
  const log = options.log ?? (() => {});
  const { db } = database;
  const school = await demoSchool(db);
  if (!school) return;
  const days = await demoServiceDays(db, schoolDate(options.clockStart));
  const demoDay = days.at(-1);
  if (!demoDay) return;
  const userId = async (username: string) =>
    (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id ?? null;
  const ids = {
    teacher: await userId('teacher'),
    chief: await userId('duty.chief'),
    gate: await userId('gate.guard'),
    guardian: await userId('guardian'),
  };
  for (const day of days.slice(-HISTORY_DAYS - 1)) {
    const [seen] = await db
      .select({ id: childDayEvents.eventId })
      .from(childDayEvents)
      .where(and(eq(childDayEvents.schoolId, school.schoolId), eq(childDayEvents.serviceDate, day)))
      .limit(1);
    if (seen) continue;
    const setting = await loadServiceDay(db, school, day);
    await seedDay(db, setting, { today: day === demoDay, ids });
    log(`${day}：${day === demoDay ? '演示当天（部分班组已点名）' : '完整的一天（已结束）'} / demo day data`);
  }
}

interface DemoIds {
  teacher: string | null;
  chief: string | null;
  gate: string | null;
  guardian: string | null;
}

async function seedDay(db: Db, setting: ServiceDaySetting, options: { today: boolean; ids: DemoIds }) {
  const { date } = setting;
  const schoolId = setting.school.schoolId;
  const random = prng(Number(date.replaceAll('-', '')));
  const at = (time: string, plusMinutes = 0) =>
    new Date(schoolInstant(date, time).getTime() + plusMinutes * 60_000);
  let children = await loadDayChildren(db, setting);
  if (children.length === 0) return;
  const chief = await dutyChiefOf(db, setting);
  const chiefUser = chief?.userId ?? options.ids.chief;

  // Two guardians told the school in the morning that their child would not come.
  const guardianRows = await db
    .select({ studentId: guardianships.studentId, userId: guardianships.userId })
    .from(guardianships)
    .where(
      and(
        eq(guardianships.schoolId, schoolId),
        inArray(
          guardianships.studentId,
          children.map((c) => c.studentId),
        ),
      ),
    )
    .orderBy(guardianships.studentId, guardianships.userId);
  // A child of the demo guardian also has the guardian imported with the roster: the demo account's
  // children are known from every row, not from whichever row a map happened to keep last (the
  // order PostgreSQL returns them in is not fixed, which made the demo child absent now and then).
  const demoGuardianKids = new Set(
    guardianRows.filter((g) => g.userId === options.ids.guardian).map((g) => g.studentId),
  );
  const guardianOf = new Map<string, string>();
  for (const g of guardianRows) {
    if (g.userId !== options.ids.guardian && !guardianOf.has(g.studentId))
      guardianOf.set(g.studentId, g.userId);
  }
  const leaveKids = children.filter((c) => !demoGuardianKids.has(c.studentId)).slice(5, 7);
  for (const [i, kid] of leaveKids.entries()) {
    const guardian = guardianOf.get(kid.studentId);
    if (!guardian) continue;
    await db.insert(leaveRequests).values({
      schoolId,
      studentId: kid.studentId,
      fromDate: date,
      toDate: i === 0 ? date : addDays(date, 1),
      reason: i === 0 ? '发烧，在家休息' : '家中有事，提前接回',
      requestedBy: guardian,
      requestedAt: at('07:40', i * 17),
    });
  }
  children = await loadDayChildren(db, setting);

  const events: (typeof childDayEvents.$inferInsert)[] = [];
  const base = (c: DayChild) => ({
    schoolId,
    serviceDate: date,
    studentId: c.studentId,
    enrollmentId: c.enrollmentId,
  });
  // A 三.5 每天点名: each group's teacher marks at 15:35; the demo teacher's own group waits for the
  // walk-through on the demo day.
  const marked: DayChild[] = [];
  for (const c of children) {
    if (c.status === 'on_leave') continue;
    const markedBy = c.teacherUserId ?? chiefUser;
    if (options.today && c.teacherUserId !== null && c.teacherUserId === options.ids.teacher) continue;
    const absent = !demoGuardianKids.has(c.studentId) && random() < 0.04;
    events.push({
      ...base(c),
      kind: 'mark',
      mark: absent ? 'absent' : !demoGuardianKids.has(c.studentId) && random() < 0.05 ? 'late' : 'present',
      groupId: c.groupId,
      at: at('15:35', Math.floor(random() * 6)),
      byUser: markedBy,
      deviceId: 'demo',
    });
    if (absent) {
      // The first absence of the day already followed up (A 三.5 未到时及时了解情况并做好记录).
      if (!options.today || !marked.some((m) => m.status === 'absent')) {
        events.push({
          ...base(c),
          kind: 'contact',
          contactPerson: '母亲',
          result: '已电话联系家长',
          reason: '孩子身体不适，家长已提前接回家',
          at: at('15:52'),
          byUser: markedBy,
        });
      }
      marked.push({ ...c, status: 'absent' });
    } else marked.push({ ...c, status: 'present' });
  }

  if (!options.today) {
    // The rest of a finished day: each child leaves in their batch with a listed person (or alone
    // with permission); those with extended custody stay with the duty chief until 18:20.
    const persons = await db
      .select({ studentId: pickupPersons.studentId, personId: pickupPersons.personId })
      .from(pickupPersons)
      .where(and(eq(pickupPersons.schoolId, schoolId), isNull(pickupPersons.removedAt)));
    const firstPerson = new Map<string, string>();
    for (const p of persons) if (!firstPerson.has(p.studentId)) firstPerson.set(p.studentId, p.personId);
    const chiefStaff = chief?.staffId ?? (await anyStaff(db, schoolId));
    for (const c of marked) {
      if (c.status !== 'present') continue;
      const person = firstPerson.get(c.studentId) ?? null;
      if (!person && !c.facts.mayLeaveAlone) continue;
      const batchTime = c.batch?.time ?? setting.endTime;
      const custody = c.facts.extendedCustody && chiefStaff;
      if (custody) {
        events.push({
          ...base(c),
          kind: 'custody',
          staffId: chiefStaff,
          automatic: false,
          at: at(setting.endTime),
          byUser: chiefUser,
        });
      }
      const method = person ? (random() < 0.7 ? 'pickup_code' : 'listed_person') : 'alone';
      events.push({
        ...base(c),
        kind: 'release',
        method,
        pickupPersonId: person,
        // Issue 14.4: without the code the gate checked the person's ID document.
        identityCheck: method === 'listed_person' ? 'id_document' : null,
        at: custody
          ? at(setting.endTime, 15 + Math.floor(random() * 20))
          : at(batchTime, Math.floor(random() * 12)),
        byUser: options.ids.gate ?? chiefUser,
        deviceId: 'gate-1',
      });
    }
  }
  if (events.length > 0) await db.insert(childDayEvents).values(events);

  if (!options.today && chiefUser) {
    // A 三.6: the duty chief closes the finished day once every child is accounted for (F-16).
    const after = await loadDayChildren(db, setting);
    const moment = dayMoment(setting, at('18:35'));
    const problems = dayCloseProblems(
      after.map((c) => ({ childId: c.studentId, day: c.day })),
      moment,
    );
    if (problems.length === 0) {
      await db.insert(dayClosures).values({
        schoolId,
        serviceDate: date,
        closedBy: chiefUser,
        closedAt: at('18:35'),
        summary: {
          ...dayCounts(
            after.map((c) => c.day),
            moment,
          ),
        },
      });
    }
  }
}

async function anyStaff(db: Db, schoolId: string): Promise<string | null> {
  const [row] = await db
    .select({ staffId: staff.staffId })
    .from(staff)
    .where(eq(staff.schoolId, schoolId))
    .limit(1);
  return row?.staffId ?? null;
}

// For `kehou demo` and the browser tests: the demo clock at the most recent service day, with that
// day and the ones before it seeded. Null when the demo school has no service day yet.
export async function startDemoClock(
  database: Database,
  options: { today: Date; log?: (line: string) => void },
): Promise<DemoClock | null> {
  const start = await demoClockStart(database, options.today);
  if (!start) return null;
  await seedDemoDays(database, { clockStart: start, log: options.log });
  return new DemoClock(start);
}

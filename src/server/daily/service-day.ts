// The service day a daily-operation request is about (F-11 … F-17): the school's term on that date,
// the approved plan as published in its notice, the region policy the plan was approved under, and
// whether the date is a service day at all. Every daily write goes through `loadServiceDay`, so a mark,
// a release or a leave for a date that is not a service day is refused in one place.
//
// Service dates are dates in Asia/Shanghai (`schoolDate`), whatever the server's zone.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { dayClosures, dutyAssignments, plans, staff } from '../../db/schema.js';
import { type ExclusionReason, planTermDays, type ServiceDay } from '../../domain/calendar.js';
import { chineseDate, type IsoDate, isIsoDate, type Weekday, weekdayOf } from '../../domain/dates.js';
import { batchesOn, type DayBatch } from '../../domain/departure.js';
import { serviceStart } from '../../domain/grouping-rules.js';
import { planServiceStart, type TermPlan } from '../../domain/plan.js';
import { type RegionPolicy, SEASONS } from '../../domain/policy.js';
import { AppError } from '../errors.js';
import { latestNotice, loadPlanSetting, type SchoolRecord } from '../features/plans/plan-setting.js';
import { applicableTerms, type TermRow } from '../features/terms/use-cases.js';

export interface ServiceDaySetting {
  school: SchoolRecord;
  date: IsoDate;
  term: TermRow;
  planId: string;
  // The approved plan as published (B 五(一) 服务公示): weekdays, end times, batches, venues.
  content: TermPlan;
  policy: RegionPolicy;
  day: ServiceDay;
  // The weekday whose groups and timetable run (a make-up working day may follow another weekday).
  groupWeekday: Weekday;
  // B 二: the end time of the day's season.
  endTime: string;
  // C 2 弹性离校: the batches that run that day, by time.
  batches: DayBatch[];
}

const WEEKDAY_ZH = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];
const WEEKDAY_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function notServed(date: IsoDate, zh: string, en: string, reason: string): AppError {
  const w = weekdayOf(date);
  return new AppError('NOT_A_SERVICE_DAY', {
    zh: `${chineseDate(date)}（${WEEKDAY_ZH[w]}）不是课后服务日：${zh}`,
    en: `${date} (${WEEKDAY_EN[w]}) is not a service day: ${en}`,
    details: { date, reason },
  });
}

function exclusionText(reason: ExclusionReason): { zh: string; en: string } {
  switch (reason.kind) {
    case 'holiday':
      return {
        zh: `节假日${reason.name ? `（${reason.name}）` : ''}`,
        en: `a holiday${reason.name ? ` (${reason.name})` : ''}`,
      };
    case 'weekend':
      return { zh: '周末', en: 'a weekend day' };
    case 'weekday_not_served':
      return { zh: '本校方案当天不开展服务', en: 'the plan does not serve this weekday' };
    case 'make_up_day_not_served':
      return { zh: '调休上班日，本校不开展服务', en: 'a make-up working day the school does not serve' };
    case 'no_service_day':
      return { zh: `学校停课（${reason.reason}）`, en: `a no-service day of the school (${reason.reason})` };
  }
}

// A school's terms with their approved plans, each with every date of the term served or excluded:
// what `loadServiceDay` reads. Building it takes about ten queries and a pass over the term's dates,
// and it changes rarely (a plan approved, a holiday or a no-service day set), while every daily
// request needs it: it is kept per school for SCHEDULE_TTL_MS, and the use cases that change its
// inputs in this process forget it at once (`forgetServiceDays`). Another server process sees such a
// change within SCHEDULE_TTL_MS.
interface TermSchedule {
  term: TermRow;
  // Null while the term has no approved plan with its notice.
  plan: {
    planId: string;
    content: TermPlan;
    policy: RegionPolicy;
    start: IsoDate;
    served: Map<IsoDate, ServiceDay>;
    excluded: Map<IsoDate, ExclusionReason>;
    // C 2 弹性离校: the batches of each season, worked out once.
    batches: Map<ServiceDay['season'], DayBatch[]>;
  } | null;
}

export const SCHEDULE_TTL_MS = Number(process.env.KEHOU_SERVICE_DAY_CACHE_MS ?? 30_000);
const schedules = new Map<string, { loadedAt: number; terms: Promise<TermSchedule[]> }>();

// Forget cached schedules: of one school, or of every school (a region's calendar, terms or policy).
export function forgetServiceDays(schoolId?: string): void {
  if (schoolId) schedules.delete(schoolId);
  else schedules.clear();
}

async function buildSchedules(db: Db, school: SchoolRecord): Promise<TermSchedule[]> {
  const result: TermSchedule[] = [];
  for (const term of await applicableTerms(db, school.regionPath)) {
    const [plan] = await db
      .select({ planId: plans.planId, policyVersionId: plans.policyVersionId })
      .from(plans)
      .where(and(eq(plans.schoolId, school.schoolId), eq(plans.termId, term.termId)));
    // The notice is published when the bureau approves the plan (B 六(五) 报市教育局审定); a plan
    // reopened for changes keeps running as last approved.
    const notice = plan ? await latestNotice(db, school.schoolId, plan.planId) : null;
    if (!plan || !notice) {
      result.push({ term, plan: null });
      continue;
    }
    const setting = await loadPlanSetting(db, school, term.termId, {
      status: 'approved',
      policyVersionId: plan.policyVersionId,
    });
    const content = notice.content;
    const days = planTermDays({
      term,
      plan: content,
      policy: setting.policyVersion.policy,
      overrides: setting.overrides,
      noServiceDays: setting.noServiceDays,
    });
    result.push({
      term,
      plan: {
        planId: plan.planId,
        content,
        policy: setting.policyVersion.policy,
        // B 六(五): the plan's own start date (planServiceStart, as the plan counts its service days,
        // issue 14.7), never before the unified start date.
        start: [planServiceStart(term, content), serviceStart(term)].sort().at(-1) ?? serviceStart(term),
        served: new Map(days.serviceDays.map((d) => [d.date, d])),
        excluded: new Map(days.excludedDays.map((d) => [d.date, d.reason])),
        batches: new Map(SEASONS.map((season) => [season, batchesOn(content.departureBatches, season)])),
      },
    });
  }
  return result;
}

async function schoolSchedules(db: Db, school: SchoolRecord, now: number): Promise<TermSchedule[]> {
  const cached = schedules.get(school.schoolId);
  if (cached && now - cached.loadedAt < SCHEDULE_TTL_MS) return cached.terms;
  const terms = buildSchedules(db, school);
  if (SCHEDULE_TTL_MS > 0) schedules.set(school.schoolId, { loadedAt: now, terms });
  // A failed load is not kept.
  terms.catch(() => schedules.delete(school.schoolId));
  return terms;
}

// The setting of `date` at the school, or NOT_A_SERVICE_DAY with the reason: no term, no approved
// plan, before the unified start date (B 六(五) 统一启动时间), a holiday, a weekend, a weekday the plan
// does not serve, a no-service day of the school.
export async function loadServiceDay(
  db: Db,
  school: SchoolRecord,
  date: IsoDate,
): Promise<ServiceDaySetting> {
  if (!isIsoDate(date)) {
    throw new AppError('VALIDATION_FAILED', {
      zh: '日期格式应为 YYYY-MM-DD',
      en: 'The date must be YYYY-MM-DD',
      details: { fields: [{ path: 'date', message: 'YYYY-MM-DD' }] },
    });
  }
  const terms = (await schoolSchedules(db, school, performance.now())).filter(
    (t) => t.term.firstDay <= date && date <= t.term.lastDay,
  );
  if (terms.length === 0) throw notServed(date, '不在任何学期之内', 'it is outside every term', 'no_term');
  for (const { term, plan } of terms) {
    if (!plan) continue;
    if (date < plan.start) {
      throw notServed(
        date,
        `课后服务统一启动日为${chineseDate(plan.start)}`,
        `service starts on ${plan.start}`,
        'before_start',
      );
    }
    const day = plan.served.get(date);
    if (!day) {
      const excluded = plan.excluded.get(date);
      const text = excluded ? exclusionText(excluded) : { zh: '未排入服务', en: 'not scheduled' };
      throw notServed(date, text.zh, text.en, excluded?.kind ?? 'not_scheduled');
    }
    const content = plan.content;
    return {
      school,
      date,
      term,
      planId: plan.planId,
      content,
      policy: plan.policy,
      day,
      groupWeekday: day.timetableWeekday ?? day.weekday,
      endTime: content.endTimes[day.season],
      batches: plan.batches.get(day.season) ?? batchesOn(content.departureBatches, day.season),
    };
  }
  throw notServed(date, '本学期方案尚未审定', 'the term plan has not been approved', 'no_approved_plan');
}

// F-16: once the duty chief has closed the day, nothing of it changes (a late follow-up contact is
// the only record still accepted — see child-day.ts).
export async function dayClosure(db: Db, schoolId: string, date: IsoDate) {
  const [row] = await db
    .select()
    .from(dayClosures)
    .where(and(eq(dayClosures.schoolId, schoolId), eq(dayClosures.serviceDate, date)));
  return row ?? null;
}

// The lock of a school's day: writers to the day hold it shared for their transaction, the close
// holds it exclusive — so a close waits for writes in flight, and a write after it sees the closure.
export function dayLockKey(schoolId: string, date: IsoDate): string {
  return `day-close:${schoolId}:${date}`;
}

// Call inside the writing transaction, before writing.
export async function assertDayOpen(db: Db, schoolId: string, date: IsoDate): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock_shared(hashtext(${dayLockKey(schoolId, date)}))`);
  if (await dayClosure(db, schoolId, date)) throw new AppError('DAY_CLOSED');
}

// The duty chief of the day (A 三.6 值日总护导), who also keeps the children in extended custody unless
// someone else is named: staff id, name and account.
export async function dutyChiefOf(
  db: Db,
  setting: Pick<ServiceDaySetting, 'school' | 'term' | 'groupWeekday'>,
): Promise<{ staffId: string; name: string; userId: string | null } | null> {
  const [row] = await db
    .select({ staffId: staff.staffId, name: staff.name, userId: staff.userId })
    .from(dutyAssignments)
    .innerJoin(
      staff,
      and(eq(staff.schoolId, dutyAssignments.schoolId), eq(staff.staffId, dutyAssignments.staffId)),
    )
    .where(
      and(
        eq(dutyAssignments.schoolId, setting.school.schoolId),
        eq(dutyAssignments.termId, setting.term.termId),
        eq(dutyAssignments.weekday, setting.groupWeekday),
        eq(dutyAssignments.duty, 'duty_chief'),
      ),
    );
  return row ?? null;
}

// The school admin's day at a glance (issue 14.9): today's attendance from the day's records (F-11),
// the open absences (F-12, A 三.5), the children in extended custody (F-14, C 延时托管), the applications
// waiting for a decision (B 五(二)), the responsibility letters running out (A 三.1) and the term
// plan's live findings (F-03) — in one request, each read the way its own page reads it.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { applications, plans, staff } from '../../../db/schema.js';
import { currentMark } from '../../../domain/child-day.js';
import type { IsoDate } from '../../../domain/dates.js';
import { awaitsContact, markCounts } from '../../../domain/roll-call-counts.js';
import { letterStatus } from '../../../domain/staff.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { loadDayChildren } from '../../daily/child-days.js';
import { dayClosure, loadServiceDay } from '../../daily/service-day.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { letterDatesByStaff } from '../../staff-letters.js';
import { loadSchool, planDetail, type SchoolRecord } from '../plans/plan-setting.js';
import { currentTerm } from '../rota/rota-setting.js';
import type { SchoolToday } from './schemas.js';

// A 三.1: warn this many days before a letter ends (the staff page's `letterStatus` default).
const LETTER_WARN_DAYS = 30;

export async function getSchoolToday(ctx: ActorContext, options: { schoolId: string }): Promise<SchoolToday> {
  const school = await loadSchool(ctx.db, options.schoolId);
  authorize(ctx.actor, 'school.today', { regionPath: school.regionPath, schoolId: school.schoolId });
  const date = schoolDate(ctx.clock.now());
  const term = await currentTerm(ctx.db, school, date).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  const [day, pendingApplications, letters, plan] = await Promise.all([
    dayFigures(ctx, school, date),
    term ? pendingCount(ctx, school.schoolId, term.termId) : 0,
    letterWarnings(ctx, school.schoolId, date),
    term ? planFindings(ctx, school.schoolId, term.termId) : null,
  ]);
  return {
    date,
    term: term ? { id: term.termId, name: term.name } : null,
    day,
    pendingApplications,
    letters,
    plan,
  };
}

async function dayFigures(
  ctx: ActorContext,
  school: SchoolRecord,
  date: IsoDate,
): Promise<SchoolToday['day']> {
  let setting: Awaited<ReturnType<typeof loadServiceDay>>;
  try {
    setting = await loadServiceDay(ctx.db, school, date);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_A_SERVICE_DAY') {
      const reason = (error.details as { reason?: unknown } | undefined)?.reason;
      return {
        served: false,
        reason: typeof reason === 'string' ? reason : 'not_scheduled',
        message: { zh: error.zh, en: error.en },
      };
    }
    throw error;
  }
  const [children, closure] = await Promise.all([
    loadDayChildren(ctx.db, setting, {}),
    dayClosure(ctx.db, school.schoolId, date),
  ]);
  return {
    served: true,
    closed: closure !== null,
    attendance: markCounts(children.map((c) => currentMark(c.day))),
    openAbsences: children.filter((c) => awaitsContact(c.day)).length,
    inCustody: children.filter((c) => c.status === 'in_custody').length,
  };
}

async function pendingCount(ctx: ActorContext, schoolId: string, termId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(applications)
    .where(
      and(
        eq(applications.schoolId, schoolId),
        eq(applications.termId, termId),
        eq(applications.status, 'submitted'),
      ),
    );
  return row?.n ?? 0;
}

async function letterWarnings(
  ctx: ActorContext,
  schoolId: string,
  date: IsoDate,
): Promise<SchoolToday['letters']> {
  const [people, letters] = await Promise.all([
    ctx.db
      .select({ staffId: staff.staffId, name: staff.name })
      .from(staff)
      .where(and(eq(staff.schoolId, schoolId), isNull(staff.archivedAt)))
      .orderBy(staff.name),
    letterDatesByStaff(ctx.db, schoolId),
  ]);
  const result: SchoolToday['letters'] = { expiring: [], expired: [] };
  for (const person of people) {
    const own = letters.get(person.staffId) ?? [];
    const status = letterStatus(own, date, LETTER_WARN_DAYS);
    if (status === 'expiring') {
      const validUntil = own
        .filter((l) => l.signedOn <= date && date <= l.validUntil)
        .map((l) => l.validUntil)
        .sort()
        .at(-1);
      if (validUntil) result.expiring.push({ ...person, validUntil });
    } else if (status === 'expired') {
      result.expired.push(person);
    }
  }
  return result;
}

async function planFindings(
  ctx: ActorContext,
  schoolId: string,
  termId: string,
): Promise<SchoolToday['plan']> {
  const [row] = await ctx.db
    .select()
    .from(plans)
    .where(and(eq(plans.schoolId, schoolId), eq(plans.termId, termId)));
  if (!row) return null;
  // The findings as the plan page shows them (planDetail), so the two never disagree.
  const detail = await planDetail(ctx, row);
  return {
    planId: row.planId,
    status: row.status,
    errors: detail.findings.filter((f) => f.severity === 'error').length,
    warnings: detail.findings.filter((f) => f.severity === 'warning').length,
  };
}

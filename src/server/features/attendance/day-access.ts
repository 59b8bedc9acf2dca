// Who may act on which children of a service day (F-11, F-12): the school admin and the duty chief
// on every child (A 三.6 值日总护导), a care teacher on the groups they lead (A 三.1 看护人员对被看护
// 学生承担安全直接责任). Another group's child is "not found" for a care teacher, like the roster.
import type { IsoDate } from '../../../domain/dates.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import type { DayChild } from '../../daily/child-days.js';
import { loadServiceDay, type ServiceDaySetting } from '../../daily/service-day.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { type Action, can } from '../../policies/policy.js';
import { loadSchool } from '../plans/plan-setting.js';

export interface DayAccess {
  setting: ServiceDaySetting;
  // Every child of the school (attendance.whole_school), else only the groups the actor leads.
  whole: boolean;
  fullPhones: boolean;
}

export async function loadDayAccess(
  ctx: ActorContext,
  options: { schoolId: string; date: IsoDate; action: Action },
): Promise<DayAccess> {
  const school = await loadSchool(ctx.db, options.schoolId);
  const target = { regionPath: school.regionPath, schoolId: school.schoolId };
  // Permission first: nothing of the school's day is read for someone who may not act on it.
  authorize(ctx.actor, options.action, target);
  const setting = await loadServiceDay(ctx.db, school, options.date);
  return {
    setting,
    whole: can(ctx.actor, 'attendance.whole_school', target),
    fullPhones: can(ctx.actor, 'roster.full_phones', target),
  };
}

export function inScope(access: DayAccess, actorUserId: string, child: DayChild): boolean {
  return access.whole || (child.teacherUserId !== null && child.teacherUserId === actorUserId);
}

export function notInService(): AppError {
  return new AppError('NOT_FOUND', {
    zh: '该学生当天不在您的看护名单中',
    en: 'The child is not in your care on this day',
  });
}

// A phone's clock may run a little ahead of the server's.
const CLOCK_SKEW_MS = 2 * 60_000;

// A record's time (`at`, when the teacher tapped) must be on the service date in Shanghai and not in
// the future: an offline phone keeps the time of the tap, never a time it could not have seen.
export function checkTimes(
  ctx: Pick<ActorContext, 'clock'>,
  date: IsoDate,
  items: readonly { path: string; at: string }[],
): Date[] {
  const now = ctx.clock.now().getTime();
  const problems: FieldProblem[] = [];
  // A roll call's marks mostly share their time: each distinct time is dated once.
  const dates = new Map<string, string>();
  const dateOf = (at: string, time: Date) => {
    let day = dates.get(at);
    if (day === undefined) {
      day = schoolDate(time);
      dates.set(at, day);
    }
    return day;
  };
  const times = items.map(({ path, at }) => {
    const time = new Date(at);
    if (time.getTime() > now + CLOCK_SKEW_MS) {
      problems.push({ path, message: '时间晚于现在 / The time is in the future' });
    } else if (dateOf(at, time) !== date) {
      problems.push({ path, message: `时间不在 ${date} 当天 / The time is not on ${date}` });
    }
    return time;
  });
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      zh: '记录时间有误：不能晚于现在，且须在当天',
      en: 'A time is wrong: it must not be in the future and must be on the day',
      details: { fields: problems },
    });
  }
  return times;
}

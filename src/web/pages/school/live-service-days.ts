// The term's service days for the live compliance check beside the plan form, rebuilt from the
// server's service-day summary instead of the holiday package: src/domain/calendar.ts imports
// chinese-days (≈ 14 kB gzip and tables built at load), which the plan page does without.
//
// The summary lists every date of the term that is not a service day, with its reason, except plain
// weekends. A holiday stays a holiday whatever the weekdays; a date excluded only because the plan
// does not serve its weekday, or for a no-service day, comes back when the form serves it. A make-up
// working day (调休) the plan does not serve is listed as such and is served again once the form
// serves every weekday (the calendar's default rule, src/domain/calendar.ts). The make-up working days
// the saved plan already serves are service days, not excluded ones: the summary lists them apart
// (`makeUpDays`, with the weekday whose timetable they follow), and they stay served while the form
// serves that weekday (or, by default, every weekday).
import { eachDate, type IsoDate, type Weekday, weekdayOf } from '../../../domain/dates';
import type { ServiceDay } from '../../../domain/plan-check';
import { seasonOn } from '../../../domain/policy';

export interface LiveServiceDaysInput {
  term: { firstDay: IsoDate; lastDay: IsoDate };
  /** `serviceDays.excluded` of the plan as the server last evaluated it. */
  excluded: readonly { date: IsoDate; reason: { kind: string } }[];
  /** `serviceDays.makeUpDays`: the make-up working days the saved plan serves. */
  makeUpDays: readonly { date: IsoDate; timetableWeekday: number | null }[];
  /** The weekdays the form serves now. */
  weekdays: readonly number[];
  /**
   * Whether the form's plan serves make-up working days under its policy (`makeUpWorkdaysServed`,
   * issue 14.17). Absent: the calendar's rule for a caller without a policy (every weekday served).
   */
  makeUpServed?: boolean;
  /** The school's no-service days (exams, weather). */
  noServiceDays: readonly { date: IsoDate }[];
  summerSeason: { from: string; to: string };
}

export function liveServiceDays(input: LiveServiceDaysInput): ServiceDay[] {
  const excluded = new Map(input.excluded.map((d) => [d.date, d.reason.kind]));
  const noService = new Set(input.noServiceDays.map((d) => d.date));
  const served = new Set(input.weekdays);
  const everyWeekday = [1, 2, 3, 4, 5].every((w) => served.has(w));
  const servedMakeUp = new Map(input.makeUpDays.map((d) => [d.date, d.timetableWeekday]));
  const days: ServiceDay[] = [];
  for (const date of eachDate(input.term.firstDay, input.term.lastDay)) {
    const reason = excluded.get(date);
    if (reason === 'holiday') continue;
    const weekday: Weekday = weekdayOf(date);
    let serve: boolean;
    if (weekday >= 6) {
      // A listed Saturday or Sunday is a make-up working day (a plain weekend is never listed): one the
      // saved plan serves, or one it did not serve or the school closed.
      const timetableWeekday = servedMakeUp.get(date);
      const makeUpDay =
        timetableWeekday !== undefined || reason === 'make_up_day_not_served' || reason === 'no_service_day';
      const rule =
        input.makeUpServed ?? (timetableWeekday == null ? everyWeekday : served.has(timetableWeekday));
      serve = makeUpDay && rule && !noService.has(date);
    } else {
      serve = served.has(weekday) && !noService.has(date);
    }
    if (serve) days.push({ date, weekday, season: seasonOn(input, date) });
  }
  return days;
}

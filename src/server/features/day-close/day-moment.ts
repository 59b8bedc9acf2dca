// The moments of a service day that decide where each child stands (`standingOf`, F-16): the request's
// now (the demo clock in the demo), the roll-call deadline and the end of the service, as instants.
import { type DayMoment, rollCallDueMinutes } from '../../../domain/child-day.js';
import { formatTime, parseTime } from '../../../domain/dates.js';
import { daySpan } from '../../../domain/rota.js';
import { schoolInstant } from '../../clock.js';
import type { ServiceDaySetting } from '../../daily/service-day.js';
import { serviceEnd } from '../departure/custody.js';

// A 三.5 每天点名: the roll call is taken when the day's first session starts (the timetable of the
// weekday that runs, as the rota reads it); `rollCallDueMinutes` adds the policy's follow-up limit.
export function rollCallDue(setting: ServiceDaySetting): Date {
  const { start } = daySpan(setting.groupWeekday, {
    timetable: setting.content.timetable,
    endTimes: setting.content.endTimes,
    serviceWeekdays: setting.content.weekdays,
  });
  const due = rollCallDueMinutes(
    start,
    parseTime(setting.endTime),
    setting.policy.absenceFollowUpLimitMinutes,
  );
  return schoolInstant(setting.date, formatTime(due));
}

export function dayMoment(setting: ServiceDaySetting, now: Date): DayMoment {
  return { now, rollCallDue: rollCallDue(setting), serviceEnd: serviceEnd(setting) };
}

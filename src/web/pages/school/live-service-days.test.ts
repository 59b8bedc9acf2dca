import { describe, expect, it } from 'vitest';
import { type NoServiceDay, termDays } from '../../../domain/calendar';
import type { Weekday } from '../../../domain/dates';
import { serviceDaySummary } from '../../../domain/plan-workflow';
import { liveServiceDays } from './live-service-days';

// The autumn term of 2025: National Day and Mid-Autumn (10-01…10-08) with two make-up working days,
// Sunday 09-28 and Saturday 10-11, and New Year's Day 2026.
const term = { firstDay: '2025-09-01', lastDay: '2026-01-23' };
const summerSeason = { from: '05-01', to: '09-30' };
const noServiceDays: NoServiceDay[] = [
  { date: '2025-11-12', reason: '期中考试' },
  { date: '2025-09-29', reason: '运动会' },
];

function serverDays(weekdays: Weekday[], noService = noServiceDays) {
  return termDays({ term, weekdays, noServiceDays: noService, summerSeason });
}

function live(saved: Weekday[], now: Weekday[], noService = noServiceDays) {
  const summary = serviceDaySummary(serverDays(saved, noService), []);
  return liveServiceDays({
    term,
    excluded: summary.excluded,
    makeUpDays: summary.makeUpDays,
    weekdays: now,
    noServiceDays: noService,
    summerSeason,
  });
}

function expected(weekdays: Weekday[], noService = noServiceDays) {
  return serverDays(weekdays, noService).serviceDays.map(({ date, weekday, season }) => ({
    date,
    weekday,
    season,
  }));
}

describe('live service days from the server summary', () => {
  it('are the server’s days when the weekdays did not change (pilot-4 does not serve make-up days)', () => {
    expect(live([1, 2, 3, 4], [1, 2, 3, 4])).toEqual(expected([1, 2, 3, 4]));
  });

  it('follow a change of weekdays, holidays and no-service days kept', () => {
    expect(live([1, 2, 3, 4], [2, 3, 4, 5])).toEqual(expected([2, 3, 4, 5]));
    expect(live([1, 2, 3], [1, 3, 5])).toEqual(expected([1, 3, 5]));
  });

  it('serve the make-up working days once every weekday is served, as the calendar does', () => {
    const days = live([1, 2, 3, 4], [1, 2, 3, 4, 5]);
    expect(days).toEqual(expected([1, 2, 3, 4, 5]));
    expect(days.map((d) => d.date)).toEqual(expect.arrayContaining(['2025-09-28', '2025-10-11']));
  });

  it('keep the make-up working days a plan serving every weekday already serves, as the server counts them', () => {
    const summary = serviceDaySummary(serverDays([1, 2, 3, 4, 5]), []);
    expect(summary.makeUpDays).toEqual([
      { date: '2025-09-28', weekday: 7, timetableWeekday: null },
      { date: '2025-10-11', weekday: 6, timetableWeekday: null },
      { date: '2026-01-04', weekday: 7, timetableWeekday: null }, // 元旦调休 (Sunday)
    ]);
    expect(live([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])).toEqual(expected([1, 2, 3, 4, 5]));
    expect(live([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])).toHaveLength(summary.count);
    // The saved plan served both, and the school now closes one of them.
    const closed = [...noServiceDays, { date: '2025-10-11', reason: '校运会' }];
    expect(live([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], closed).map((d) => d.date)).not.toContain('2025-10-11');
  });

  it('drop the make-up days when a plan that served every weekday serves fewer', () => {
    expect(live([1, 2, 3, 4, 5], [1, 2, 3, 4])).toEqual(expected([1, 2, 3, 4]));
  });

  it('follow the form’s make-up choice under its policy, not the weekdays (issue 14.17)', () => {
    const summary = serviceDaySummary(serverDays([1, 2, 3, 4]), []);
    const withChoice = (makeUpServed: boolean, now: Weekday[]) =>
      liveServiceDays({
        term,
        excluded: summary.excluded,
        makeUpDays: summary.makeUpDays,
        weekdays: now,
        noServiceDays,
        summerSeason,
        makeUpServed,
      }).map((d) => d.date);
    // A pilot plan (four weekdays) that chooses to serve them.
    expect(withChoice(true, [1, 2, 3, 4])).toEqual(expect.arrayContaining(['2025-09-28', '2025-10-11']));
    // A plan of every weekday under a region that does not serve them.
    expect(withChoice(false, [1, 2, 3, 4, 5])).not.toContain('2025-10-11');
    expect(withChoice(false, [1, 2, 3, 4, 5])).not.toContain('2025-09-28');
  });

  it('never serve a holiday or a no-service day', () => {
    const dates = live([1, 2, 3, 4], [1, 2, 3, 4, 5]).map((d) => d.date);
    expect(dates).not.toContain('2025-10-01');
    expect(dates).not.toContain('2026-01-01');
    expect(dates).not.toContain('2025-11-12');
    expect(dates).not.toContain('2025-09-29');
  });

  it('give each day its season', () => {
    const days = live([1, 2, 3, 4], [1, 2, 3, 4]);
    expect(days.find((d) => d.date === '2025-09-30')?.season).toBe('summer');
    expect(days.find((d) => d.date === '2025-10-09')?.season).toBe('other');
  });
});

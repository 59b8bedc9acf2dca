import { describe, expect, it } from 'vitest';
import { DEFAULT_STAFF_WEEKLY_LIMIT_MINUTES, defaultPolicy } from './policy.js';
import {
  assignable,
  daySpan,
  evaluateRota,
  formatHours,
  LEADERSHIP_DUTIES,
  leadershipDutyLabel,
  leadershipProblems,
  median,
  overLimit,
  type RotaInput,
  type RotaStaff,
  roleMinutes,
  rotaPeriod,
} from './rota.js';

const letter = { signedOn: '2026-08-25', validUntil: '2027-08-24' };
const period = { from: '2026-09-07', to: '2027-01-22' };

function person(id: string, extra: Partial<RotaStaff> = {}): RotaStaff {
  return { staffId: id, name: id, kind: 'teacher', weekdays: [1, 2, 3, 4, 5], letters: [letter], ...extra };
}

function input(extra: Partial<RotaInput> = {}): RotaInput {
  return {
    serviceWeekdays: [1, 2, 4, 5],
    servicePeriod: period,
    // 15:50–17:30 every day; a club starts 15:30 on Mondays.
    timetable: [
      { start: '15:50', end: '16:50' },
      { start: '16:50', end: '17:30' },
      { weekdays: [1], start: '15:30', end: '16:30' },
    ],
    endTimes: { summer: '18:00', other: '17:30' },
    dutyChiefExtraMinutes: 15,
    staff: [person('a'), person('b'), person('c', { kind: 'manager' }), person('d', { kind: 'manager' })],
    groups: [],
    duties: [1, 2, 4, 5].map((weekday) => ({ weekday, staffId: 'c', duty: 'duty_chief' as const })),
    childrenPerWeekday: {},
    staffing: defaultPolicy('pilot-4').staffing,
    weeklyLimitMinutes: DEFAULT_STAFF_WEEKLY_LIMIT_MINUTES,
    ...extra,
  };
}

// The rule problems, without the workload warnings (tested on their own).
const rules = (i: RotaInput) => evaluateRota(i).problems.filter((p) => p.code !== 'overloaded');
const codes = (i: RotaInput) => rules(i).map((p) => p.code);

describe('day span and role minutes (B 二 end times)', () => {
  it('runs from the first session of the weekday to the end time of each season', () => {
    const i = input();
    expect(daySpan(1, i)).toEqual({ start: 15 * 60 + 30, end: { summer: 18 * 60, other: 17 * 60 + 30 } });
    expect(daySpan(2, i).start).toBe(15 * 60 + 50);
    expect(
      daySpan(3, { ...i, timetable: [{ weekdays: [1], start: '15:00', end: '16:00' }] }).start,
    ).toBeNull();
  });

  it('keeps the duty chief on for the hand-over window after the end time (A 三.6)', () => {
    const span = daySpan(2, input());
    expect(roleMinutes('group_teacher', span, 'other', 15)).toBe(100);
    expect(roleMinutes('manager', span, 'summer', 15)).toBe(130);
    expect(roleMinutes('duty_chief', span, 'other', 15)).toBe(115);
    expect(roleMinutes('duty_chief', { start: null, end: span.end }, 'other', 15)).toBe(0);
    // A session starting after the end time never gives negative minutes.
    expect(roleMinutes('manager', { start: 18 * 60 + 10, end: span.end }, 'other', 0)).toBe(0);
  });
});

describe('weekly hours and fairness (F-10)', () => {
  it('sums a person’s days, once per day by the longest role, in both seasons', () => {
    const r = evaluateRota(
      input({
        groups: [
          { groupId: 'g1', name: '一组', weekday: 1, teacherStaffId: 'a' },
          { groupId: 'g2', name: '一组', weekday: 2, teacherStaffId: 'a' },
        ],
      }),
    );
    const a = r.hours.find((h) => h.staffId === 'a');
    // Monday 15:30–17:30 (120), Tuesday 15:50–17:30 (100); summer to 18:00: 150 + 130.
    expect(a?.minutesPerWeek).toEqual({ other: 220, summer: 280 });
    const c = r.hours.find((h) => h.staffId === 'c');
    // Duty chief four days: Monday 135, others 115 each → 480; summer 165 + 3 × 145 = 600.
    expect(c?.minutesPerWeek).toEqual({ other: 480, summer: 600 });
    expect(c?.days.map((d) => d.weekday)).toEqual([1, 2, 4, 5]);
  });

  it('flags whoever is above the region’s weekly limit, and nobody exactly at it (issue 14.6)', () => {
    // b: one day 100; a: one day 100; c: chief four days 480.
    const i = input({
      groups: [
        { groupId: 'g1', name: '一组', weekday: 2, teacherStaffId: 'a' },
        { groupId: 'g2', name: '二组', weekday: 4, teacherStaffId: 'b' },
      ],
      weeklyLimitMinutes: 479,
    });
    const r = evaluateRota(i);
    expect(r.fairness).toMatchObject({
      people: 3,
      min: 100,
      median: 100,
      max: 480,
      spread: 380,
      limit: 479,
      overloaded: ['c'],
    });
    expect(r.problems.filter((p) => p.code === 'overloaded').map((p) => p.staffId)).toEqual(['c']);
    expect(r.problems.find((p) => p.code === 'overloaded')?.message.zh).toBe(
      'c每周 8 小时，超过本地区每人每周上限 8 小时',
    );
    expect(r.fairness.idle).toEqual(['d']);
    // Exactly the limit is not over it.
    expect(evaluateRota({ ...i, weeklyLimitMinutes: 480 }).fairness.overloaded).toEqual([]);
    expect(overLimit(480, 480)).toBe(false);
    expect(overLimit(481, 480)).toBe(true);
  });

  it('does not flag 3.3 h a week against a median of 1.7 h: the spread is information (issue 14.6)', () => {
    // The demo's case: most people one afternoon (100 min), two of them two (200 min). Under the old
    // 1.5 × median rule 200 > 150 was "overloaded"; under the platform default (8 h) nobody is.
    const r = evaluateRota(
      input({
        staff: ['a', 'b', 'c', 'd', 'e'].map((id) => person(id)),
        groups: [
          { groupId: 'g1', name: '一组', weekday: 2, teacherStaffId: 'a' },
          { groupId: 'g2', name: '一组', weekday: 4, teacherStaffId: 'a' },
          { groupId: 'g3', name: '二组', weekday: 2, teacherStaffId: 'b' },
          { groupId: 'g4', name: '二组', weekday: 4, teacherStaffId: 'c' },
          { groupId: 'g5', name: '三组', weekday: 5, teacherStaffId: 'd' },
        ],
        duties: [],
        weeklyLimitMinutes: DEFAULT_STAFF_WEEKLY_LIMIT_MINUTES,
      }),
    );
    expect(r.fairness).toMatchObject({ median: 100, max: 200, spread: 100, overloaded: [] });
    expect(r.problems.filter((p) => p.code === 'overloaded')).toEqual([]);
  });

  it('has a median of the middle value or the mean of the two middle ones', () => {
    expect(median([])).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(formatHours(100)).toBe('1.7');
  });
});

describe('rota checks', () => {
  it('needs one duty chief on every service weekday (A 三.6)', () => {
    expect(codes(input())).toEqual([]);
    const missing = evaluateRota(input({ duties: [{ weekday: 1, staffId: 'c', duty: 'duty_chief' }] }));
    expect(missing.problems.filter((p) => p.code === 'no_duty_chief').map((p) => p.weekday)).toEqual([
      2, 4, 5,
    ]);
    expect(missing.problems[0]?.clause).toBe('A 三.6');
    const two = input();
    two.duties = [...two.duties, { weekday: 2, staffId: 'd', duty: 'duty_chief' }];
    expect(codes(two)).toEqual(['several_duty_chiefs']);
  });

  it('refuses a person in two roles on one weekday, counting group teachers', () => {
    const i = input({ groups: [{ groupId: 'g1', name: '一组', weekday: 1, teacherStaffId: 'c' }] });
    expect(rules(i).map((p) => [p.code, p.weekday, p.staffId, p.fromDuty])).toEqual([
      ['role_conflict', 1, 'c', true],
    ]);
    // Two groups on one day: a conflict of the grouping, not of the duties.
    const groups = rules(
      input({
        groups: [
          { groupId: 'g1', name: '一组', weekday: 2, teacherStaffId: 'a' },
          { groupId: 'g2', name: '二组', weekday: 2, teacherStaffId: 'a' },
        ],
      }),
    );
    expect(groups.map((p) => [p.code, p.fromDuty, p.clause])).toEqual([['role_conflict', false, 'B 五(三)']]);
  });

  it('assigns only staff available that weekday, with a letter covering the service period (A 三.1)', () => {
    const i = input({
      staff: [
        person('c', { weekdays: [1, 2, 4] }),
        person('late', { letters: [{ signedOn: '2026-09-08', validUntil: '2027-08-24' }] }),
        person('short', { letters: [{ signedOn: '2026-08-25', validUntil: '2027-01-21' }] }),
        person('exact', { letters: [{ signedOn: '2026-09-07', validUntil: '2027-01-22' }] }),
        person('gone', { archived: true }),
      ],
      duties: [
        { weekday: 1, staffId: 'c', duty: 'duty_chief' },
        { weekday: 2, staffId: 'late', duty: 'duty_chief' },
        { weekday: 4, staffId: 'short', duty: 'duty_chief' },
        { weekday: 5, staffId: 'c', duty: 'duty_chief' },
        { weekday: 1, staffId: 'exact', duty: 'manager' },
        { weekday: 2, staffId: 'gone', duty: 'manager' },
        { weekday: 4, staffId: 'nobody', duty: 'manager' },
      ],
    });
    expect(rules(i).map((p) => [p.code, p.weekday, p.staffId, p.clause])).toEqual([
      ['no_letter', 2, 'late', 'A 三.1'],
      ['no_letter', 4, 'short', 'A 三.1'],
      ['not_available', 5, 'c', 'F-10'],
      ['archived', 2, 'gone', 'F-09'],
      ['unknown_staff', 4, 'nobody', 'F-09'],
    ]);
    expect(assignable(person('x', { weekdays: [1] }), 1, period)).toBe(true);
    expect(assignable(person('x', { weekdays: [1] }), 2, period)).toBe(false);
    expect(assignable(person('x', { letters: [] }), 1, period)).toBe(false);
  });

  it('refuses duties on a day the plan does not serve, and reports groups without a teacher', () => {
    const i = input({
      duties: [...input().duties, { weekday: 3, staffId: 'd', duty: 'manager' }],
      groups: [{ groupId: 'g1', name: '一组', weekday: 2, teacherStaffId: null }],
    });
    expect(codes(i)).toEqual(['group_without_teacher', 'not_service_day']);
  });

  it('counts managers against the quota per weekday (B 五(三) 每90名学生加配1名管理人员)', () => {
    const i = input({
      childrenPerWeekday: { 1: 89, 2: 90, 4: 180 },
      duties: [...input().duties, { weekday: 4, staffId: 'd', duty: 'manager' }],
    });
    const r = evaluateRota(i);
    expect(r.managers).toEqual([
      { weekday: 1, required: 0, assigned: 0, children: 89 },
      { weekday: 2, required: 1, assigned: 0, children: 90 },
      { weekday: 4, required: 2, assigned: 1, children: 180 },
      { weekday: 5, required: 0, assigned: 0, children: 0 },
    ]);
    expect(rules(i).map((p) => [p.code, p.weekday, p.severity])).toEqual([
      ['managers_below_quota', 2, 'warning'],
      ['managers_below_quota', 4, 'warning'],
    ]);
  });
});

describe('leadership group (A 二)', () => {
  it('has exactly one 组长', () => {
    expect(leadershipProblems([{ staffId: 'a', position: 'leader' }])).toEqual([]);
    expect(leadershipProblems([{ staffId: 'a', position: 'deputy' }])[0]?.code).toBe('no_leader');
    expect(
      leadershipProblems([
        { staffId: 'a', position: 'leader' },
        { staffId: 'b', position: 'leader', archived: true },
      ]),
    ).toEqual([]);
    expect(
      leadershipProblems([
        { staffId: 'a', position: 'leader' },
        { staffId: 'b', position: 'leader' },
      ]),
    ).toEqual([{ code: 'several_leaders', staffIds: ['a', 'b'] }]);
  });

  it('translates the named duties and keeps free text as written', () => {
    expect(leadershipDutyLabel(LEADERSHIP_DUTIES.emergency_plan.zh)).toEqual({
      zh: '应急预案',
      en: 'Emergency plan',
    });
    expect(leadershipDutyLabel('食堂巡查')).toEqual({ zh: '食堂巡查', en: '食堂巡查' });
  });
});

describe('rota period', () => {
  const term = { firstDay: '2026-09-01', lastDay: '2027-01-22', unifiedStartDate: '2026-09-07' };
  it('runs from the later of the service start and today to the last day', () => {
    expect(rotaPeriod(term, '2026-08-20')).toEqual({ from: '2026-09-07', to: '2027-01-22' });
    expect(rotaPeriod({ ...term, unifiedStartDate: null }, '2026-08-20')).toEqual({
      from: '2026-09-01',
      to: '2027-01-22',
    });
    expect(rotaPeriod(term, '2026-11-30')).toEqual({ from: '2026-11-30', to: '2027-01-22' });
    expect(rotaPeriod(term, '2027-03-01')).toEqual({ from: '2027-01-22', to: '2027-01-22' });
  });
});

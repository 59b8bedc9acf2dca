import { describe, expect, it } from 'vitest';
import {
  classHourMinutesFor,
  DEFAULT_LEAVE_ALONE_MIN_GRADE,
  DEFAULT_STAFF_WEEKLY_LIMIT_MINUTES,
  defaultPolicy,
  earliestEffectiveDate,
  formatTenths,
  makeUpWorkdaysServed,
  normalizePolicy,
  type PolicyVersion,
  policyChanges,
  policyInForce,
  type RegionPolicy,
  requiredEndTime,
  STAFF_WEEKLY_LIMIT_SOURCE,
  seasonOn,
  seasonStartFrom,
  validatePolicy,
} from './policy.js';

function fields(policy: RegionPolicy) {
  return validatePolicy(policy).map((p) => p.field);
}

describe('built-in models', () => {
  it('pilot-4 carries B’s numbers', () => {
    const p = defaultPolicy('pilot-4');
    expect(p.daysPerWeek).toBe(4); // B 二 每周四个下午
    expect(p.servedGrades).toEqual([1, 2]); // B 一 1-2年级
    expect(p.minClassHoursPerDayTenths).toBe(15); // B 五(三) 每天计1.5课时
    expect(p.endTimes).toEqual({ summer: '18:00', other: '17:30' }); // B 二
    expect(p.staffing).toEqual({
      studentsPerTeacher: 30,
      teacherRounding: 'floor',
      studentsPerManager: 90,
      managerRounding: 'floor',
    });
    expect(p.feePerClassHourFen).toBe(5_000); // 每课时劳务费50元
    expect(p.feeClassHoursPerDayTenths).toBe(15);
    expect(p.classHourMinutes).toEqual({ primary: 40, juniorMiddle: 45 });
    expect(p.summerSeason).toEqual({ from: '05-01', to: '09-30' });
    expect(p.activityCategories).toHaveLength(8);
    expect(p.forbiddenKinds).toEqual(['collective_tutoring', 'new_lesson_teaching']);
    expect(p.fundCategories).toEqual(['facility_maintenance', 'staff_remuneration']);
    expect(validatePolicy(p)).toEqual([]);
  });

  it('5+2 carries C’s numbers', () => {
    const p = defaultPolicy('5+2');
    expect(p.daysPerWeek).toBe(5); // C 1 每周5天
    expect(p.minClassHoursPerDayTenths).toBe(20); // C 1 至少开展2个学时
    expect(p.servedGrades).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(p.endAfterOffWorkMinutes).toBe(30); // 下班时间后半小时
    expect(validatePolicy(p)).toEqual([]);
  });

  it('gives fresh copies', () => {
    const a = defaultPolicy('pilot-4');
    a.servedGrades.push(3);
    a.staffing.studentsPerTeacher = 25;
    expect(defaultPolicy('pilot-4').servedGrades).toEqual([1, 2]);
    expect(defaultPolicy('pilot-4').staffing.studentsPerTeacher).toBe(30);
  });
});

describe('seasons and end times', () => {
  it('puts the summer-time boundaries in summer, both included', () => {
    const p = defaultPolicy('pilot-4');
    expect(seasonOn(p, '2026-04-30')).toBe('other');
    expect(seasonOn(p, '2026-05-01')).toBe('summer');
    expect(seasonOn(p, '2026-09-30')).toBe('summer');
    expect(seasonOn(p, '2026-10-01')).toBe('other');
    expect(seasonOn({ summerSeason: { from: '06-15', to: '08-31' } }, '2026-06-14')).toBe('other');
  });

  it('lets a season run over the year end, and says when the other season begins', () => {
    const overYearEnd = { summerSeason: { from: '11-01', to: '02-28' } };
    expect(seasonOn(overYearEnd, '2026-10-31')).toBe('other');
    expect(seasonOn(overYearEnd, '2026-11-01')).toBe('summer');
    expect(seasonOn(overYearEnd, '2027-01-15')).toBe('summer');
    expect(seasonOn(overYearEnd, '2027-02-28')).toBe('summer');
    expect(seasonOn(overYearEnd, '2027-03-01')).toBe('other');
    // In December the season ends next February; in January, this February.
    expect(seasonStartFrom(overYearEnd, 'other', '2026-12-07')).toBe('2027-03-01');
    expect(seasonStartFrom(overYearEnd, 'other', '2027-01-15')).toBe('2027-03-01');
    expect(seasonStartFrom(overYearEnd, 'summer', '2027-03-01')).toBe('2027-11-01');
  });

  it('requires 18:00 / 17:30 for pilot-4 and off-work + 30 min for 5+2', () => {
    const pilot = defaultPolicy('pilot-4');
    expect(requiredEndTime(pilot, 'summer')).toBe(18 * 60);
    expect(requiredEndTime(pilot, 'other')).toBe(17 * 60 + 30);
    const five = { ...defaultPolicy('5+2'), offWorkTimes: { summer: '18:00', other: '17:00' } };
    expect(requiredEndTime(five, 'summer')).toBe(18 * 60 + 30);
    expect(requiredEndTime(five, 'other')).toBe(17 * 60 + 30);
  });

  it('uses 40 minutes for primary grades, 45 for junior middle, the longer for both', () => {
    const p = defaultPolicy('5+2');
    expect(classHourMinutesFor(p, [1, 6])).toBe(40);
    expect(classHourMinutesFor(p, [7, 9])).toBe(45);
    expect(classHourMinutesFor(p, [6, 7])).toBe(45);
  });

  it('writes tenths as people do', () => {
    expect(formatTenths(15)).toBe('1.5');
    expect(formatTenths(20)).toBe('2');
    expect(formatTenths(5)).toBe('0.5');
  });
});

describe('validatePolicy names the field', () => {
  const base = () => defaultPolicy('pilot-4');

  it('refuses a ratio of 0', () => {
    const p = base();
    p.staffing.studentsPerTeacher = 0;
    expect(fields(p)).toEqual(['staffing.studentsPerTeacher']);
    p.staffing.studentsPerTeacher = 30;
    p.staffing.studentsPerManager = 0;
    const problems = validatePolicy(p);
    expect(problems.map((x) => x.field)).toEqual(['staffing.studentsPerManager']);
    expect(problems[0]?.message.zh).toContain('每名管理人员对应学生数');
    expect(problems[0]?.message.en).toContain('Students per manager');
  });

  it('refuses an end time outside the day', () => {
    const p = base();
    p.endTimes.summer = '24:30';
    p.offWorkTimes.other = '5pm';
    expect(fields(p)).toEqual(['endTimes.summer', 'offWorkTimes.other']);
  });

  it('refuses off-work + minutes past midnight', () => {
    const p = base();
    p.offWorkTimes.summer = '23:45';
    expect(fields(p)).toEqual(['endAfterOffWorkMinutes']);
  });

  it('refuses a season from after to, and dates that are not MM-DD', () => {
    const p = base();
    p.summerSeason = { from: '10-01', to: '04-30' };
    expect(fields(p)).toEqual(['summerSeason.to']);
    p.summerSeason = { from: '02-30', to: '13-01' };
    expect(fields(p)).toEqual(['summerSeason.from', 'summerSeason.to']);
    p.summerSeason = { from: '05-01', to: '05-01' };
    expect(fields(p)).toEqual([]);
  });

  it('refuses empty, unknown or duplicate categories', () => {
    const p = base();
    p.activityCategories = [];
    p.fundCategories = [];
    expect(fields(p)).toEqual(['activityCategories', 'fundCategories']);
    p.activityCategories = ['reading', 'cooking' as never];
    p.fundCategories = ['staff_remuneration', 'staff_remuneration'];
    expect(fields(p)).toEqual(['activityCategories', 'fundCategories']);
  });

  it('keeps tutoring and new lessons forbidden (B 六(二) 严禁)', () => {
    const p = base();
    p.forbiddenKinds = ['collective_tutoring'];
    expect(fields(p)).toEqual(['forbiddenKinds']);
    p.forbiddenKinds = ['collective_tutoring', 'new_lesson_teaching', 'activity'];
    expect(fields(p)).toEqual([]);
  });

  it('checks the numbers', () => {
    const p = base();
    p.daysPerWeek = 6;
    p.servedGrades = [];
    p.classHourMinutes.primary = 0;
    p.minClassHoursPerDayTenths = 1.5;
    p.feePerClassHourFen = 50.5;
    p.staffing.teacherRounding = 'round' as never;
    p.absenceFollowUpLimitMinutes = 0;
    p.pickupGraceMinutes = -1;
    p.model = '6+1' as never;
    expect(fields(p).sort()).toEqual(
      [
        'absenceFollowUpLimitMinutes',
        'classHourMinutes.primary',
        'daysPerWeek',
        'feePerClassHourFen',
        'minClassHoursPerDayTenths',
        'model',
        'pickupGraceMinutes',
        'servedGrades',
        'staffing.teacherRounding',
      ].sort(),
    );
    const q = base();
    q.servedGrades = [1, 10];
    expect(fields(q)).toEqual(['servedGrades']);
    q.servedGrades = [1, 1];
    expect(fields(q)).toEqual(['servedGrades']);
  });

  it('names a missing part instead of throwing', () => {
    const p = base() as Partial<RegionPolicy>;
    delete p.staffing;
    delete p.summerSeason;
    expect(fields(p as RegionPolicy)).toEqual([
      'summerSeason.from',
      'summerSeason.to',
      'staffing.studentsPerTeacher',
      'staffing.studentsPerManager',
      'staffing.teacherRounding',
      'staffing.managerRounding',
    ]);
  });
});

describe('versions', () => {
  const v = (version: number, effectiveFrom: string): PolicyVersion => ({
    version,
    effectiveFrom,
    policy: defaultPolicy('pilot-4'),
  });
  const versions = [v(1, '2025-09-01'), v(2, '2026-02-15'), v(3, '2026-09-01')];

  it('picks the version in force on a date (a term: its first day)', () => {
    expect(policyInForce(versions, '2025-08-31')).toBeNull();
    expect(policyInForce(versions, '2025-09-01')?.version).toBe(1);
    expect(policyInForce(versions, '2026-02-14')?.version).toBe(1);
    expect(policyInForce(versions, '2026-02-15')?.version).toBe(2);
    expect(policyInForce(versions, '2026-08-31')?.version).toBe(2);
    expect(policyInForce(versions, '2027-01-01')?.version).toBe(3);
    expect(policyInForce([...versions].reverse(), '2026-03-01')?.version).toBe(2);
  });

  it('prefers the later version of one date', () => {
    expect(policyInForce([v(4, '2026-09-01'), v(3, '2026-09-01')], '2026-09-01')?.version).toBe(4);
  });

  it('refuses a date that is not ISO', () => {
    expect(() => policyInForce(versions, '2026/09/01')).toThrow(RangeError);
  });

  it('lists what changed, lists as sets', () => {
    const a = defaultPolicy('pilot-4');
    const b = defaultPolicy('pilot-4');
    expect(policyChanges(a, b)).toEqual([]);
    b.servedGrades = [2, 1];
    expect(policyChanges(a, b)).toEqual([]);
    b.servedGrades = [3, 1, 2];
    b.endTimes.other = '17:45';
    b.staffing.studentsPerTeacher = 25;
    expect(policyChanges(a, b)).toEqual([
      {
        field: 'servedGrades',
        label: { zh: '服务年级', en: 'Grades served' },
        previous: [1, 2],
        next: [1, 2, 3],
      },
      {
        field: 'endTimes.other',
        label: { zh: '非夏令时结束时间', en: 'End time, other season' },
        previous: '17:30',
        next: '17:45',
      },
      {
        field: 'staffing.studentsPerTeacher',
        label: { zh: '每名教师对应学生数', en: 'Students per teacher' },
        previous: 30,
        next: 25,
      },
    ]);
  });

  it('shows a model switch with its numbers', () => {
    const changed = policyChanges(defaultPolicy('pilot-4'), defaultPolicy('5+2')).map((c) => c.field);
    expect(changed).toEqual([
      'model',
      'daysPerWeek',
      'servedGrades',
      'minClassHoursPerDayTenths',
      'feeClassHoursPerDayTenths',
      'makeUpWorkdays.rule',
      'makeUpWorkdays.byDefault',
    ]);
  });
});

describe('earliestEffectiveDate (F-01 versions; issue 13.12, a county that joins mid-term)', () => {
  const term = { firstDay: '2026-09-01' };
  const base = { today: '2026-11-30', firstOwnVersion: false, byParentBureau: false, termInForce: term };
  it('is today for a region that has versions of its own', () => {
    expect(earliestEffectiveDate(base)).toBe('2026-11-30');
  });
  it('is the first day of the term in force for a first version, or one by the parent bureau', () => {
    expect(earliestEffectiveDate({ ...base, firstOwnVersion: true })).toBe('2026-09-01');
    expect(earliestEffectiveDate({ ...base, byParentBureau: true })).toBe('2026-09-01');
  });
  it('is today between terms, before a term, or on its first day', () => {
    expect(earliestEffectiveDate({ ...base, firstOwnVersion: true, termInForce: null })).toBe('2026-11-30');
    expect(earliestEffectiveDate({ ...base, today: '2026-09-01', firstOwnVersion: true })).toBe('2026-09-01');
    expect(earliestEffectiveDate({ ...base, today: '2026-08-20', firstOwnVersion: true })).toBe('2026-08-20');
  });
  it('refuses a day that is not a date', () => {
    expect(() => earliestEffectiveDate({ ...base, today: '2026-02-30' })).toThrow(RangeError);
  });
});

describe('the weekly limit per person and make-up working days (issue 14.6, 14.17)', () => {
  it('defaults: 8 h a week (the platform’s, not the seeds’); 5+2 serves make-up days, the pilot lets the plan choose, not served by default', () => {
    expect(defaultPolicy('pilot-4').staffWeeklyLimitMinutes).toBe(DEFAULT_STAFF_WEEKLY_LIMIT_MINUTES);
    expect(DEFAULT_STAFF_WEEKLY_LIMIT_MINUTES).toBe(480);
    expect(STAFF_WEEKLY_LIMIT_SOURCE).toBe('platform');
    // C 1 每周5天
    expect(defaultPolicy('5+2').makeUpWorkdays).toEqual({ rule: 'served', byDefault: 'served' });
    // B 二 每周四个下午
    expect(defaultPolicy('pilot-4').makeUpWorkdays).toEqual({
      rule: 'plan_chooses',
      byDefault: 'not_served',
    });
  });

  it('gives an old stored policy without the fields its model’s defaults, and keeps a stored value', () => {
    const { staffWeeklyLimitMinutes: _limit, makeUpWorkdays: _makeUp, ...old } = defaultPolicy('5+2');
    const normalized = normalizePolicy(old as RegionPolicy);
    expect(normalized.staffWeeklyLimitMinutes).toBe(480);
    expect(normalized.makeUpWorkdays).toEqual({ rule: 'served', byDefault: 'served' });
    expect(validatePolicy(normalized)).toEqual([]);
    const own = { ...defaultPolicy('pilot-4'), staffWeeklyLimitMinutes: 600 };
    expect(normalizePolicy(own)).toEqual(own);
    const { makeUpWorkdays: _m, ...oldPilot } = defaultPolicy('pilot-4');
    expect(normalizePolicy(oldPilot as RegionPolicy).makeUpWorkdays.rule).toBe('plan_chooses');
  });

  it('a fixed rule wins over the plan; under plan_chooses the plan decides, else the default', () => {
    const served = { makeUpWorkdays: { rule: 'served', byDefault: 'served' } } as const;
    const notServed = { makeUpWorkdays: { rule: 'not_served', byDefault: 'served' } } as const;
    const chooses = { makeUpWorkdays: { rule: 'plan_chooses', byDefault: 'not_served' } } as const;
    expect(makeUpWorkdaysServed(served, 'not_served')).toEqual({ served: true, fixed: true });
    expect(makeUpWorkdaysServed(notServed, 'served')).toEqual({ served: false, fixed: true });
    expect(makeUpWorkdaysServed(chooses, 'served')).toEqual({ served: true, fixed: false });
    expect(makeUpWorkdaysServed(chooses, 'not_served')).toEqual({ served: false, fixed: false });
    expect(makeUpWorkdaysServed(chooses, null)).toEqual({ served: false, fixed: false });
    expect(makeUpWorkdaysServed(chooses, undefined)).toEqual({ served: false, fixed: false });
  });

  it('refuses a limit under an hour or not whole, and an unknown make-up rule, naming the field', () => {
    const p = defaultPolicy('pilot-4');
    expect(fields({ ...p, staffWeeklyLimitMinutes: 59 })).toEqual(['staffWeeklyLimitMinutes']);
    expect(fields({ ...p, staffWeeklyLimitMinutes: 60 })).toEqual([]);
    expect(fields({ ...p, staffWeeklyLimitMinutes: 90.5 })).toEqual(['staffWeeklyLimitMinutes']);
    expect(fields({ ...p, staffWeeklyLimitMinutes: 7 * 12 * 60 + 1 })).toEqual(['staffWeeklyLimitMinutes']);
    const rule = {
      ...p,
      makeUpWorkdays: { rule: 'sometimes', byDefault: 'maybe' },
    } as unknown as RegionPolicy;
    expect(fields(rule)).toEqual(['makeUpWorkdays.rule', 'makeUpWorkdays.byDefault']);
    expect(validatePolicy(rule)[0]?.message.en).toMatch(/^Make-up working days served: must be/);
  });
});

// Issue 14.10: the lowest grade that may leave alone, and when the other season starts.
describe('leaving alone and the seasons on the guardian’s form', () => {
  it('defaults to grade 3 in both models, takes it for old rows, and checks its range', () => {
    expect(DEFAULT_LEAVE_ALONE_MIN_GRADE).toBe(3);
    expect(defaultPolicy('pilot-4').leaveAloneMinGrade).toBe(3);
    expect(defaultPolicy('5+2').leaveAloneMinGrade).toBe(3);
    const { leaveAloneMinGrade: _grade, ...old } = defaultPolicy('pilot-4');
    expect(normalizePolicy(old as RegionPolicy).leaveAloneMinGrade).toBe(3);
    expect(normalizePolicy({ ...defaultPolicy('5+2'), leaveAloneMinGrade: 5 }).leaveAloneMinGrade).toBe(5);
    expect(fields({ ...defaultPolicy('pilot-4'), leaveAloneMinGrade: 1 })).toEqual([]);
    expect(fields({ ...defaultPolicy('pilot-4'), leaveAloneMinGrade: 10 })).toEqual([]);
    expect(fields({ ...defaultPolicy('pilot-4'), leaveAloneMinGrade: 0 })).toEqual(['leaveAloneMinGrade']);
    expect(fields({ ...defaultPolicy('pilot-4'), leaveAloneMinGrade: 11 })).toEqual(['leaveAloneMinGrade']);
    expect(fields({ ...defaultPolicy('pilot-4'), leaveAloneMinGrade: 2.5 })).toEqual(['leaveAloneMinGrade']);
  });

  it('says from which day the other season runs, at the summer-time boundaries', () => {
    const p = defaultPolicy('pilot-4'); // 05-01 to 09-30
    // In December and on the last day of non-summer time, summer starts on 1 May.
    expect(seasonStartFrom(p, 'summer', '2026-12-08')).toBe('2027-05-01');
    expect(seasonStartFrom(p, 'summer', '2027-04-30')).toBe('2027-05-01');
    expect(seasonStartFrom(p, 'summer', '2026-10-01')).toBe('2027-05-01');
    // On its first day a season is in force already.
    expect(seasonStartFrom(p, 'summer', '2027-05-01')).toBe('2027-05-01');
    expect(seasonStartFrom(p, 'other', '2026-10-01')).toBe('2026-10-01');
    // In summer time, the other season starts the day after it ends.
    expect(seasonStartFrom(p, 'other', '2027-05-01')).toBe('2027-10-01');
    expect(seasonStartFrom(p, 'other', '2027-09-30')).toBe('2027-10-01');
    expect(seasonOn(p, seasonStartFrom(p, 'other', '2027-09-30'))).toBe('other');
  });
});

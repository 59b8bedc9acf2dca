import chineseDays from 'chinese-days';
import packageTable from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  type CalendarOverride,
  type MakeUpDays,
  type NoServiceDay,
  officialDay,
  officialDaysOfYear,
  overrideProblems,
  packageCoversYear,
  packageYears,
  planMakeUpDays,
  planTermDays,
  provisionalHolidays,
  type ServiceDaysInput,
  seasonOf,
  serviceDayAtOrBefore,
  serviceDays,
  statutoryHolidays,
  type Term,
  termDays,
  yearsAwaitingOfficialDates,
  yearsLackingData,
} from './calendar.js';
import { addDays, daysBetween, eachDate, type IsoDate, type Weekday, weekdayOf } from './dates.js';
import type { TermPlan } from './plan.js';
import { defaultPolicy, normalizePolicy, type RegionPolicy } from './policy.js';

// Runs `load` with the machine zone set to `zone` and a fresh calendar module (chinese-days, outside
// the source tree, stays the instance loaded first), then puts the zone back.
async function inZone<T>(zone: string, load: () => Promise<T>): Promise<T> {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  vi.resetModules();
  try {
    return await load();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
    vi.resetModules();
  }
}

const loadedInUtc = process.env.TZ === 'UTC';
const kinds = (dates: IsoDate[]) => dates.map((d) => officialDay(d).kind);
const holidayDates = (from: IsoDate, to: IsoDate) =>
  eachDate(from, to).filter((d) => officialDay(d).kind === 'holiday');

describe('what chinese-days covers', () => {
  it('has official data for 2004–2026 and none for 2027', () => {
    expect(packageYears()).toEqual({ first: 2004, last: 2026 });
    for (let y = 2004; y <= 2026; y++) expect(packageCoversYear(y)).toBe(true);
    expect(packageCoversYear(2003)).toBe(false);
    expect(packageCoversYear(2027)).toBe(false);
    // The package's own answer for 2027-01-01 (a Friday) is wrong: it knows no 元旦 that year.
    expect(chineseDays.isWorkday('2027-01-01')).toBe(true);
    expect(officialDay('2027-01-01')).toEqual({ kind: 'holiday', name: '元旦', source: 'provisional' });
  });

  it('flags the years of a term that the package lacks', () => {
    expect(yearsLackingData({ firstDay: '2026-09-01', lastDay: '2027-01-22' })).toEqual([2027]);
    expect(yearsLackingData({ firstDay: '2026-02-24', lastDay: '2026-07-10' })).toEqual([]);
    expect(yearsLackingData({ firstDay: '2026-12-31', lastDay: '2028-01-01' })).toEqual([2027, 2028]);
    expect(() => yearsLackingData({ firstDay: '2027-01-22', lastDay: '2026-09-01' })).toThrow(
      /before first day/,
    );
  });

  // chinese-days builds its tables when it is first loaded, in the machine zone of that moment; its
  // functions agree with its JSON only when that was UTC (as the repo's test config pins it).
  it.skipIf(!loadedInUtc)('reads the same table as the package functions give in UTC', async () => {
    await inZone('UTC', async () => {
      for (const date of eachDate('2004-01-01', '2026-12-31')) {
        const day = officialDay(date);
        expect(day.kind === 'workday' || day.kind === 'makeup_workday', date).toBe(
          chineseDays.isWorkday(date),
        );
      }
    });
  });
});

describe('official days against the State Council notices', () => {
  it('2025 国庆节 and 中秋节: 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班', () => {
    expect(holidayDates('2025-09-27', '2025-10-12')).toEqual(eachDate('2025-10-01', '2025-10-08'));
    expect(officialDay('2025-09-30')).toEqual({ kind: 'workday', name: null, source: 'weekday-rule' });
    expect(officialDay('2025-10-01')).toEqual({ kind: 'holiday', name: '国庆节', source: 'package' });
    expect(officialDay('2025-10-06')).toEqual({ kind: 'holiday', name: '中秋节', source: 'package' });
    expect(officialDay('2025-10-09').kind).toBe('workday');
    expect(officialDay('2025-09-28')).toEqual({ kind: 'makeup_workday', name: '国庆节', source: 'package' });
    expect(officialDay('2025-10-11')).toEqual({ kind: 'makeup_workday', name: '国庆节', source: 'package' });
    expect(weekdayOf('2025-09-28')).toBe(7);
    expect(weekdayOf('2025-10-11')).toBe(6);
    expect(kinds(['2025-09-27', '2025-10-12'])).toEqual(['weekend', 'weekend']);
  });

  it('2025 春节: 1月28日（除夕）至2月4日放假调休，1月26日（周日）、2月8日（周六）上班', () => {
    expect(holidayDates('2025-01-25', '2025-02-09')).toEqual(eachDate('2025-01-28', '2025-02-04'));
    expect(kinds(['2025-01-26', '2025-01-27', '2025-02-05', '2025-02-08'])).toEqual([
      'makeup_workday',
      'workday',
      'workday',
      'makeup_workday',
    ]);
    expect(officialDay('2025-01-28').name).toBe('春节');
  });

  it('2026 国庆节 as the package has it: 10月1日至7日放假调休，9月20日（周日）、10月10日（周六）上班; 中秋节 9月25日至27日', () => {
    expect(holidayDates('2026-09-19', '2026-10-11')).toEqual([
      ...eachDate('2026-09-25', '2026-09-27'),
      ...eachDate('2026-10-01', '2026-10-07'),
    ]);
    expect(officialDay('2026-09-25').name).toBe('中秋节');
    expect(officialDay('2026-10-07').name).toBe('国庆节');
    expect(officialDay('2026-09-20')).toEqual({ kind: 'makeup_workday', name: '国庆节', source: 'package' });
    expect(officialDay('2026-10-10')).toEqual({ kind: 'makeup_workday', name: '国庆节', source: 'package' });
    expect(kinds(['2026-09-30', '2026-10-08', '2026-10-11'])).toEqual(['workday', 'workday', 'weekend']);
  });

  it('2026 春节 as the package has it: 2月15日至23日放假调休，2月14日（周六）、2月28日（周六）上班', () => {
    expect(holidayDates('2026-02-13', '2026-03-01')).toEqual(eachDate('2026-02-15', '2026-02-23'));
    expect(kinds(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-28', '2026-03-01'])).toEqual([
      'workday',
      'makeup_workday',
      'workday',
      'makeup_workday',
      'weekend',
    ]);
  });
});

describe('the official days of a year (officialDaysOfYear)', () => {
  const days2026 = officialDaysOfYear(2026);
  const between = (from: IsoDate, to: IsoDate) => days2026.filter((d) => d.date >= from && d.date <= to);

  it('2026 国庆节 and 中秋节: the holidays and both make-up working days with their names', () => {
    expect(between('2026-09-19', '2026-10-11')).toEqual([
      { date: '2026-09-20', kind: 'makeup_workday', name: '国庆节', source: 'package' },
      ...eachDate('2026-09-25', '2026-09-27').map((date) => ({
        date,
        kind: 'holiday',
        name: '中秋节',
        source: 'package',
      })),
      ...eachDate('2026-10-01', '2026-10-07').map((date) => ({
        date,
        kind: 'holiday',
        name: '国庆节',
        source: 'package',
      })),
      { date: '2026-10-10', kind: 'makeup_workday', name: '国庆节', source: 'package' },
    ]);
  });

  it('2026 春节: 2月15日至23日放假，2月14日、2月28日上班', () => {
    const spring = between('2026-02-01', '2026-03-01');
    expect(spring.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual(
      eachDate('2026-02-15', '2026-02-23'),
    );
    expect(spring.filter((d) => d.kind !== 'holiday')).toEqual([
      { date: '2026-02-14', kind: 'makeup_workday', name: '春节', source: 'package' },
      { date: '2026-02-28', kind: 'makeup_workday', name: '春节', source: 'package' },
    ]);
    expect(spring.every((d) => d.name === '春节')).toBe(true);
  });

  it('is sorted, agrees with officialDay, and is empty for a year the package lacks', () => {
    const dates = days2026.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    for (const d of days2026)
      expect(officialDay(d.date)).toEqual({ kind: d.kind, name: d.name, source: 'package' });
    expect(officialDaysOfYear(2027)).toEqual([]);
    expect(officialDaysOfYear(2003)).toEqual([]);
  });
});

describe('statutory holidays (全国年节及纪念日放假办法)', () => {
  type Entry = [string, string];
  const entries = (year: number) => statutoryHolidays(year).map(({ date, name }): Entry => [date, name]);

  it('2025 and 2026 match the statutory days of the official notices', () => {
    expect(entries(2025)).toEqual([
      ['2025-01-01', '元旦'],
      ['2025-01-28', '春节'], // 除夕
      ['2025-01-29', '春节'], // 正月初一
      ['2025-01-30', '春节'],
      ['2025-01-31', '春节'],
      ['2025-04-04', '清明节'],
      ['2025-05-01', '劳动节'],
      ['2025-05-02', '劳动节'],
      ['2025-05-31', '端午节'],
      ['2025-10-01', '国庆节'],
      ['2025-10-02', '国庆节'],
      ['2025-10-03', '国庆节'],
      ['2025-10-06', '中秋节'],
    ]);
    expect(entries(2026)).toEqual([
      ['2026-01-01', '元旦'],
      ['2026-02-16', '春节'], // 除夕 (腊月廿九)
      ['2026-02-17', '春节'], // 正月初一
      ['2026-02-18', '春节'],
      ['2026-02-19', '春节'],
      ['2026-04-05', '清明节'],
      ['2026-05-01', '劳动节'],
      ['2026-05-02', '劳动节'],
      ['2026-06-19', '端午节'],
      ['2026-09-25', '中秋节'],
      ['2026-10-01', '国庆节'],
      ['2026-10-02', '国庆节'],
      ['2026-10-03', '国庆节'],
    ]);
    expect(provisionalHolidays(2025)).toEqual([]);
    expect(provisionalHolidays(2026)).toEqual([]);
  });

  it('agrees with the package for every year it covers: each statutory day is its holiday of that name, as many days as it counts', () => {
    const table = packageTable.holidays as Record<string, string>;
    const short = (name: string) => ({ 清明节: '清明', 端午节: '端午', 中秋节: '中秋' })[name] ?? name;
    for (let year = 2004; year <= 2026; year++) {
      // The package writes "English,中文,statutory days" on each of a festival's dates.
      const packageCount = new Map<string, number>();
      for (const [date, entry] of Object.entries(table)) {
        const [, zh, count] = entry.split(',');
        if (date.startsWith(`${year}-`) && zh) packageCount.set(zh, Number(count));
      }
      const computedCount = new Map<string, number>();
      for (const { date, name } of statutoryHolidays(year)) {
        const names = name.split('、').map(short);
        // The package's one gap: 2012 端午节 (6月22日至24日放假) misses Saturday 6月23日, 农历端午 itself
        // (generate.ts has .r(6, 22).r(6, 24) for .r(6, 22).to(6, 24)). The calendar still keeps it off.
        if (date === '2012-06-23') {
          expect(table[date]).toBeUndefined();
          expect(officialDay(date)).toEqual({ kind: 'holiday', name: '端午节', source: 'provisional' });
          computedCount.set('端午', 1);
          continue;
        }
        // 2020: 中秋节 fell on 10月1日, which the package lists as 国庆节.
        expect(names, date).toContain(table[date]?.split(',')[1]);
        for (const n of names) computedCount.set(n, (computedCount.get(n) ?? 0) + 1);
      }
      for (const [festival, count] of computedCount) {
        if (packageCount.has(festival)) expect(count, `${year} ${festival}`).toBe(packageCount.get(festival));
      }
      expect(computedCount.get('春节')).toBe(year >= 2025 ? 4 : 3);
      expect(computedCount.get('劳动节')).toBe(year >= 2025 ? 2 : year >= 2008 ? 1 : 3);
      expect(computedCount.has('清明')).toBe(year >= 2008);
    }
  });

  it('computes 2027, which the package lacks', () => {
    // 春节: lunar year 2026 (丙午) has no leap month and its 腊月 has 29 days, so 除夕 is 腊月廿九,
    // the day before 正月初一 2027-02-06: 2027-02-05 (Friday); 春节 is 除夕 to 初三, 02-05 … 02-08.
    expect(chineseDays.getYearLeapMonth(2026).leapMonth).toBeUndefined();
    expect(chineseDays.monthDays(2026, 12)).toBe(29);
    expect(chineseDays.getLunarDate('2027-02-05')).toMatchObject({
      lunarYear: 2026,
      lunarMon: 12,
      lunarDay: 29,
    });
    expect(chineseDays.getLunarDate('2027-02-06')).toMatchObject({
      lunarYear: 2027,
      lunarMon: 1,
      lunarDay: 1,
    });
    // 清明: the solar term falls on 2027-04-05 (Monday). 端午 五月初五 = 2027-06-09 (Wednesday),
    // 中秋 八月十五 = 2027-09-15 (Wednesday); lunar 2027 has no leap month before the 8th.
    expect(chineseDays.getLunarDate('2027-06-09')).toMatchObject({ lunarMon: 5, lunarDay: 5, isLeap: false });
    expect(chineseDays.getLunarDate('2027-09-15')).toMatchObject({
      lunarMon: 8,
      lunarDay: 15,
      isLeap: false,
    });
    expect(entries(2027)).toEqual([
      ['2027-01-01', '元旦'], // Friday
      ['2027-02-05', '春节'], // 除夕, Friday
      ['2027-02-06', '春节'], // 初一, Saturday
      ['2027-02-07', '春节'], // 初二, Sunday
      ['2027-02-08', '春节'], // 初三, Monday
      ['2027-04-05', '清明节'],
      ['2027-05-01', '劳动节'], // Saturday
      ['2027-05-02', '劳动节'], // Sunday
      ['2027-06-09', '端午节'],
      ['2027-09-15', '中秋节'],
      ['2027-10-01', '国庆节'], // Friday
      ['2027-10-02', '国庆节'],
      ['2027-10-03', '国庆节'],
    ]);
    expect(provisionalHolidays(2027)).toEqual(statutoryHolidays(2027));
    for (const { date, name } of provisionalHolidays(2027)) {
      expect(officialDay(date)).toEqual({ kind: 'holiday', name, source: 'provisional' });
    }
    // A bridge day the notice will likely add is not guessed.
    expect(officialDay('2027-02-09')).toEqual({ kind: 'workday', name: null, source: 'weekday-rule' });
  });

  it('marks a date that two festivals share with both names (2020: 中秋节 on 10月1日)', () => {
    expect(statutoryHolidays(2020).filter((h) => h.date === '2020-10-01')).toEqual([
      { date: '2020-10-01', name: '中秋节、国庆节' },
    ]);
  });

  it('refuses years outside the law and the lunar table it knows', () => {
    expect(() => statutoryHolidays(1999)).toThrow(RangeError);
    expect(() => provisionalHolidays(2100)).toThrow(RangeError);
  });
});

describe("a region's entries", () => {
  const confirmed2027: CalendarOverride[] = [
    ...statutoryHolidays(2027).map(({ date, name }) => ({
      date,
      kind: 'holiday' as const,
      name,
      confirmed: true,
    })),
    // The notice will add bridge days and 调休; as a region might enter them.
    { date: '2027-02-09', kind: 'holiday', name: '春节', confirmed: true },
    { date: '2027-02-20', kind: 'makeup_workday', name: '春节', confirmed: true },
  ];
  const spring2027: Term = { firstDay: '2027-02-22', lastDay: '2027-07-09' };

  it('enter and confirm the official dates of a year the package lacks', () => {
    expect(officialDay('2027-02-09', confirmed2027)).toEqual({
      kind: 'holiday',
      name: '春节',
      source: 'region',
    });
    expect(officialDay('2027-02-05', confirmed2027)).toEqual({
      kind: 'holiday',
      name: '春节',
      source: 'region',
    });
    expect(officialDay('2027-02-20', confirmed2027)).toEqual({
      kind: 'makeup_workday',
      name: '春节',
      source: 'region',
    });
    expect(yearsAwaitingOfficialDates(spring2027, [])).toEqual([2027]);
    expect(yearsAwaitingOfficialDates(spring2027, confirmed2027)).toEqual([]);
    const unconfirmed = confirmed2027.map((o) => ({ ...o, confirmed: false }));
    expect(yearsAwaitingOfficialDates(spring2027, unconfirmed)).toEqual([2027]);
    expect(officialDay('2027-02-09', unconfirmed).source).toBe('provisional');
  });

  it('add a local holiday and can cancel a bridge day, but never a statutory holiday', () => {
    const overrides: CalendarOverride[] = [
      { date: '2026-11-02', kind: 'holiday', name: '地方节日', confirmed: true },
      { date: '2026-10-07', kind: 'workday', name: '本地区上班', confirmed: true }, // a bridge day
      { date: '2026-10-01', kind: 'workday', name: '误录', confirmed: true }, // 国庆节, statutory
      { date: '2027-01-01', kind: 'workday', name: '误录', confirmed: true }, // 元旦, provisional
    ];
    expect(officialDay('2026-11-02', overrides)).toEqual({
      kind: 'holiday',
      name: '地方节日',
      source: 'region',
    });
    expect(officialDay('2026-10-07', overrides)).toEqual({
      kind: 'workday',
      name: '本地区上班',
      source: 'region',
    });
    expect(officialDay('2026-10-01', overrides)).toEqual({
      kind: 'holiday',
      name: '国庆节',
      source: 'package',
    });
    expect(officialDay('2027-01-01', overrides)).toEqual({
      kind: 'holiday',
      name: '元旦',
      source: 'provisional',
    });
    expect(overrideProblems(overrides)).toEqual([
      { index: 2, date: '2026-10-01', problem: 'statutory_holiday_as_workday' },
      { index: 3, date: '2027-01-01', problem: 'statutory_holiday_as_workday' },
    ]);

    const days = serviceDays({ term: autumn2026, weekdays: FIVE_DAYS, overrides }).map((d) => d.date);
    expect(days).not.toContain('2026-10-01');
    expect(days).not.toContain('2027-01-01');
    expect(days).not.toContain('2026-11-02');
    expect(days).toContain('2026-10-07');
  });

  it('are refused when a date is not valid or entered twice', () => {
    const twice: CalendarOverride[] = [
      { date: '2027-02-09', kind: 'holiday', name: '春节', confirmed: true },
      { date: '2027-02-09', kind: 'workday', name: '春节', confirmed: false },
    ];
    expect(() => officialDay('2027-02-09', twice)).toThrow(/entered twice/);
    expect(overrideProblems(twice)).toEqual([{ index: 1, date: '2027-02-09', problem: 'duplicate' }]);
    const invalid: CalendarOverride[] = [{ date: '2027-02-30', kind: 'holiday', name: 'x', confirmed: true }];
    expect(overrideProblems(invalid)).toEqual([{ index: 0, date: '2027-02-30', problem: 'invalid_date' }]);
    expect(() => officialDay('2027-02-01', invalid)).toThrow(RangeError);
  });
});

const autumn2026: Term = { firstDay: '2026-09-01', lastDay: '2027-01-22' };
const FIVE_DAYS: Weekday[] = [1, 2, 3, 4, 5]; // C 1: 每周5天
const FOUR_DAYS: Weekday[] = [1, 2, 4, 5]; // B 二: 每周四个下午 — here Monday, Tuesday, Thursday, Friday

describe('service days of the autumn term 2026-09-01 … 2027-01-22', () => {
  // 104 weekdays (20 weeks from Tuesday 09-01, then Tuesday–Friday 01-19 … 01-22). Off on weekdays:
  // 中秋节 09-25 (Fri); 国庆节 10-01, 10-02, 10-05, 10-06, 10-07 (Thu–Fri, Mon–Wed); provisional 元旦
  // 2027-01-01 (Fri) — 7 days. Make-up working days: 09-20 (Sun) and 10-10 (Sat).
  const weekdayHolidays = [
    '2026-09-25',
    '2026-10-01',
    '2026-10-02',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
    '2027-01-01',
  ];
  const makeUp = ['2026-09-20', '2026-10-10'];

  it('a 5-day plan (C 1) serves every working day, make-up days included by default', () => {
    const result = termDays({ term: autumn2026, weekdays: FIVE_DAYS });
    const dates = result.serviceDays.map((d) => d.date);
    expect(dates).toHaveLength(104 - 7 + 2);
    expect(result.serviceDays[0]).toEqual({
      date: '2026-09-01',
      weekday: 2,
      season: 'summer',
      timetableWeekday: 2,
    });
    expect(result.serviceDays.at(-1)).toEqual({
      date: '2027-01-22',
      weekday: 5,
      season: 'other',
      timetableWeekday: 5,
    });
    for (const d of eachDate('2026-10-01', '2026-10-07')) expect(dates).not.toContain(d);
    for (const d of weekdayHolidays) expect(dates).not.toContain(d);
    for (const d of makeUp) expect(dates).toContain(d);
    // The school has not said which timetable runs on a make-up day.
    expect(result.serviceDays.find((d) => d.date === '2026-10-10')).toEqual({
      date: '2026-10-10',
      weekday: 6,
      season: 'other',
      timetableWeekday: null,
    });
    expect(result.yearsLackingData).toEqual([2027]);
    expect(result.excludedDays.find((d) => d.date === '2027-01-01')).toEqual({
      date: '2027-01-01',
      weekday: 5,
      reason: { kind: 'holiday', name: '元旦', source: 'provisional' },
    });
    expect(result.excludedDays.find((d) => d.date === '2026-10-01')?.reason).toEqual({
      kind: 'holiday',
      name: '国庆节',
      source: 'package',
    });
    expect(result.excludedDays.find((d) => d.date === '2026-09-05')?.reason).toEqual({ kind: 'weekend' });
  });

  it('serves a make-up Saturday as the weekday the school states, or not at all', () => {
    const asFriday = serviceDays({
      term: autumn2026,
      weekdays: FIVE_DAYS,
      makeUpDays: { mode: 'as-weekday', weekday: 5 },
    });
    expect(asFriday).toHaveLength(99);
    expect(asFriday.find((d) => d.date === '2026-10-10')?.timetableWeekday).toBe(5);
    const none = termDays({ term: autumn2026, weekdays: FIVE_DAYS, makeUpDays: 'none' });
    expect(none.serviceDays).toHaveLength(97);
    expect(none.excludedDays.find((d) => d.date === '2026-10-10')?.reason).toEqual({
      kind: 'make_up_day_not_served',
      name: '国庆节',
    });
  });

  it('a 4-day plan (B 二) skips Wednesdays and, unless told otherwise, make-up days', () => {
    // 21 Wednesdays (09-02 … 01-20); the weekday holidays off Wednesday are 6 (10-07 is a Wednesday).
    const plain = termDays({ term: autumn2026, weekdays: FOUR_DAYS });
    expect(plain.serviceDays).toHaveLength(104 - 21 - 6);
    expect(plain.serviceDays.every((d) => d.weekday !== 3)).toBe(true);
    expect(plain.serviceDays[0]?.date).toBe('2026-09-01');
    expect(plain.serviceDays.at(-1)?.date).toBe('2027-01-22');
    expect(plain.excludedDays.find((d) => d.date === '2026-09-02')?.reason).toEqual({
      kind: 'weekday_not_served',
    });
    expect(plain.excludedDays.find((d) => d.date === '2026-09-20')?.reason.kind).toBe(
      'make_up_day_not_served',
    );

    const asFriday = serviceDays({
      term: autumn2026,
      weekdays: FOUR_DAYS,
      makeUpDays: { mode: 'as-weekday', weekday: 5 },
    });
    expect(asFriday).toHaveLength(77 + 2);
    expect(asFriday.find((d) => d.date === '2026-09-20')).toEqual({
      date: '2026-09-20',
      weekday: 7,
      season: 'summer',
      timetableWeekday: 5,
    });
    // Served without a stated timetable: the day's own weekday.
    const unstated = serviceDays({
      term: autumn2026,
      weekdays: FOUR_DAYS,
      makeUpDays: { mode: 'as-weekday', weekday: null },
    });
    expect(unstated).toHaveLength(77 + 2);
    expect(unstated.find((d) => d.date === '2026-09-20')?.timetableWeekday).toBeNull();
  });

  describe('a plan’s make-up working days under its policy (issue 14.17)', () => {
    // Autumn 2026 has two make-up working days: Sunday 09-20 and Saturday 10-10 (国庆节).
    const five = defaultPolicy('5+2');
    const pilot = defaultPolicy('pilot-4');
    const plan = (extra: Partial<TermPlan> = {}) => ({ weekdays: [...FOUR_DAYS], ...extra });
    const count = (policy: RegionPolicy, p: Pick<TermPlan, 'weekdays' | 'makeUpWorkdays'>) =>
      planTermDays({ term: autumn2026, plan: p, policy, overrides: [], noServiceDays: [] }).serviceDays
        .length;

    it('5+2 (C 1 每周5天): served, whatever the plan says', () => {
      const p = { weekdays: [...FIVE_DAYS] };
      expect(count(five, p)).toBe(99);
      expect(count(five, { ...p, makeUpWorkdays: 'not_served' })).toBe(99);
      expect(planMakeUpDays(five, { ...p, makeUpWorkdays: 'not_served' })).toEqual({
        mode: 'as-weekday',
        weekday: null,
      });
    });

    it('the pilot (B 二): not served unless the plan chooses to; then on the weekday it states', () => {
      expect(count(pilot, plan())).toBe(77);
      expect(count(pilot, plan({ makeUpWorkdays: null }))).toBe(77);
      expect(count(pilot, plan({ makeUpWorkdays: 'not_served' }))).toBe(77);
      expect(count(pilot, plan({ makeUpWorkdays: 'served' }))).toBe(79);
      const days = planTermDays({
        term: autumn2026,
        plan: plan({ makeUpWorkdays: 'served', makeUpTimetableWeekday: 5 }),
        policy: pilot,
        overrides: [],
        noServiceDays: [],
      });
      expect(days.serviceDays.find((d) => d.date === '2026-10-10')?.timetableWeekday).toBe(5);
      // A stated weekday the plan does not serve (Wednesday) is not a timetable that runs.
      expect(planMakeUpDays(pilot, plan({ makeUpWorkdays: 'served', makeUpTimetableWeekday: 3 }))).toEqual({
        mode: 'as-weekday',
        weekday: null,
      });
      expect(
        days.excludedDays.filter((d) => d.reason.kind === 'make_up_day_not_served').map((d) => d.date),
      ).toEqual([]);
    });

    it('a region that forbids them: not served even when the plan asks', () => {
      const never: RegionPolicy = { ...five, makeUpWorkdays: { rule: 'not_served', byDefault: 'served' } };
      expect(count(never, { weekdays: [...FIVE_DAYS], makeUpWorkdays: 'served' })).toBe(97);
    });

    it('a region that lets plans choose, serving by default', () => {
      const chooses: RegionPolicy = {
        ...five,
        makeUpWorkdays: { rule: 'plan_chooses', byDefault: 'served' },
      };
      expect(count(chooses, { weekdays: [...FIVE_DAYS] })).toBe(99);
      expect(count(chooses, { weekdays: [...FIVE_DAYS], makeUpWorkdays: 'not_served' })).toBe(97);
    });

    it('an old stored policy without the rule takes its model’s default', () => {
      const { makeUpWorkdays: _rule, ...old } = five;
      expect(count(normalizePolicy(old as RegionPolicy), { weekdays: [...FIVE_DAYS] })).toBe(99);
    });
  });

  it('switches from summer time to winter time after 09-30 (B 二: 18:00 / 17:30)', () => {
    const days = serviceDays({ term: autumn2026, weekdays: FIVE_DAYS });
    expect(days.find((d) => d.date === '2026-09-30')?.season).toBe('summer');
    expect(seasonOf('2026-10-01')).toBe('other');
    expect(days.find((d) => d.date === '2026-10-08')?.season).toBe('other');
    expect(
      days
        .filter((d) => d.season === 'summer')
        .map((d) => d.date)
        .at(-1),
    ).toBe('2026-09-30');
    // 09-20 is a make-up Sunday in September: summer time.
    expect(days.find((d) => d.date === '2026-09-20')?.season).toBe('summer');
    // A region's own season, and one across the new year.
    expect(seasonOf('2026-10-15', { from: '04-15', to: '10-15' })).toBe('summer');
    expect(seasonOf('2026-10-16', { from: '04-15', to: '10-15' })).toBe('other');
    expect(seasonOf('2027-01-10', { from: '11-01', to: '02-28' })).toBe('summer');
    expect(seasonOf('2027-03-01', { from: '11-01', to: '02-28' })).toBe('other');
  });

  it("drops the school's no-service days with their reason", () => {
    const noServiceDays: NoServiceDay[] = [
      { date: '2027-01-20', reason: '期末考试' },
      { date: '2026-10-01', reason: '运动会' }, // a holiday already: the holiday is the reason
      { date: '2027-03-01', reason: '下学期' }, // outside the term: ignored
    ];
    const result = termDays({ term: autumn2026, weekdays: FIVE_DAYS, noServiceDays });
    expect(result.serviceDays).toHaveLength(98);
    expect(result.excludedDays.find((d) => d.date === '2027-01-20')?.reason).toEqual({
      kind: 'no_service_day',
      reason: '期末考试',
    });
    expect(result.excludedDays.find((d) => d.date === '2026-10-01')?.reason.kind).toBe('holiday');
  });

  it('refuses input it cannot read, naming the field', () => {
    const base: ServiceDaysInput = { term: autumn2026, weekdays: FIVE_DAYS };
    expect(() => serviceDays({ ...base, weekdays: [0 as Weekday] })).toThrow(/weekdays/);
    expect(() => serviceDays({ ...base, makeUpDays: { mode: 'as-weekday', weekday: 6 } })).toThrow(
      /makeUpDays/,
    );
    expect(() => serviceDays({ ...base, summerSeason: { from: '5-1', to: '09-30' } })).toThrow(
      /summerSeason.from/,
    );
    expect(() => serviceDays({ ...base, summerSeason: { from: '05-01', to: '09-31' } })).toThrow(
      /summerSeason.to/,
    );
    expect(() => serviceDays({ ...base, term: { firstDay: '2026-09-01', lastDay: '2026-08-31' } })).toThrow(
      /term/,
    );
  });
});

describe('service-day invariants (property)', () => {
  const date = (from: IsoDate, to: IsoDate) =>
    fc.integer({ min: 0, max: daysBetween(from, to) }).map((n) => addDays(from, n));
  const weekday = fc.integer({ min: 1, max: 7 }).map((n) => n as Weekday);
  const makeUpDays: fc.Arbitrary<MakeUpDays | undefined> = fc.oneof(
    fc.constant(undefined),
    fc.constant('none' as const),
    fc.integer({ min: 1, max: 5 }).map((n) => ({ mode: 'as-weekday' as const, weekday: n as Weekday })),
  );
  // Terms across the years the package has and the ones it lacks; overrides that often hit statutory
  // holidays and make-up days.
  const input = fc
    .tuple(date('2024-06-01', '2028-06-30'), fc.integer({ min: 0, max: 200 }))
    .chain(([firstDay, length]) => {
      const lastDay = addDays(firstDay, length);
      const inTerm = date(firstDay, lastDay);
      const statutory = fc.constantFrom(
        ...[2024, 2025, 2026, 2027, 2028].flatMap((y) => statutoryHolidays(y).map((h) => h.date)),
      );
      const override = fc.record({
        date: fc.oneof(
          inTerm,
          statutory,
          fc.constantFrom('2025-09-28', '2025-10-11', '2026-09-20', '2026-10-10'),
        ),
        kind: fc.constantFrom('holiday' as const, 'makeup_workday' as const, 'workday' as const),
        name: fc.constant('地方'),
        confirmed: fc.boolean(),
      });
      return fc.record({
        term: fc.constant({ firstDay, lastDay }),
        weekdays: fc.uniqueArray(weekday, { maxLength: 7 }),
        makeUpDays,
        overrides: fc.uniqueArray(override, { selector: (o) => o.date, maxLength: 12 }),
        noServiceDays: fc.array(fc.record({ date: inTerm, reason: fc.constant('考试') }), { maxLength: 6 }),
      });
    });

  // The statutory holidays of the years the terms span, worked out once for all the runs.
  const statutory = new Set(
    [2024, 2025, 2026, 2027, 2028].flatMap((y) => statutoryHolidays(y).map((h) => h.date)),
  );

  it('never serves a holiday of any source, a plain weekend, a no-service day or a date outside the term', () => {
    fc.assert(
      fc.property(input, (i) => {
        const { serviceDays: days, excludedDays } = termDays(i);
        const dates = days.map((d) => d.date);
        expect([...dates].sort()).toEqual(dates);
        expect(new Set(dates).size).toBe(dates.length);
        const regionHolidays = new Set(i.overrides.filter((o) => o.kind === 'holiday').map((o) => o.date));
        const noService = new Set(i.noServiceDays.map((d) => d.date));
        // Checked without `expect` per day (300 runs × up to 200 days): the run stays quick on a busy
        // machine, and a failure still names the day and what is wrong with it.
        const problems: string[] = [];
        const check = (ok: boolean, what: string, date: IsoDate) => {
          if (!ok) problems.push(`${date}: ${what}`);
        };
        for (const d of days) {
          const official = officialDay(d.date, i.overrides);
          check(d.date >= i.term.firstDay && d.date <= i.term.lastDay, 'outside the term', d.date);
          check(official.kind !== 'holiday', 'a holiday', d.date);
          check(!statutory.has(d.date), 'a statutory holiday', d.date);
          check(!regionHolidays.has(d.date), "a region's holiday", d.date);
          check(!noService.has(d.date), 'a no-service day', d.date);
          check(d.weekday === weekdayOf(d.date), 'the wrong weekday', d.date);
          if (d.weekday >= 6) {
            // Only a make-up working day, served as the plan allows.
            check(official.kind === 'makeup_workday', 'a weekend that is no make-up day', d.date);
            if (i.makeUpDays === undefined)
              check(
                [1, 2, 3, 4, 5].every((w) => i.weekdays.includes(w as Weekday)),
                'a make-up day served by default without every weekday served',
                d.date,
              );
            else check(i.makeUpDays !== 'none', "a make-up day served although the plan says 'none'", d.date);
            if (d.timetableWeekday !== null && i.makeUpDays !== undefined && i.makeUpDays !== 'none')
              check(d.timetableWeekday === i.makeUpDays.weekday, "not the plan's timetable weekday", d.date);
          } else {
            check(i.weekdays.includes(d.weekday), 'a weekday the plan does not serve', d.date);
            check(d.timetableWeekday === d.weekday, "not its own weekday's timetable", d.date);
          }
        }
        expect(problems).toEqual([]);
        // Every date of the term is either served or excluded, once.
        expect([...dates, ...excludedDays.map((d) => d.date)].sort()).toEqual(
          eachDate(i.term.firstDay, i.term.lastDay),
        );
        // Nothing falls through unexplained: a weekday the plan serves that is a working day and not a
        // no-service day is served.
        for (const e of excludedDays) {
          if (e.reason.kind === 'weekday_not_served') expect(i.weekdays).not.toContain(e.weekday);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('independent of the machine zone', () => {
  // A fresh calendar module per zone, so that nothing computed in another zone is reused.
  const sample = async () => {
    const calendar = await import('./calendar.js');
    return {
      statutory: [2025, 2026, 2027, 2028, 2031, 2033].map((y) => calendar.statutoryHolidays(y)),
      days: eachDate('2025-01-20', '2025-02-10').map((d) => calendar.officialDay(d)),
      autumn: calendar.termDays({
        term: autumn2026,
        weekdays: FOUR_DAYS,
        makeUpDays: { mode: 'as-weekday', weekday: 5 },
      }),
    };
  };

  it('gives the same calendar in zones west and east of UTC as in UTC', async () => {
    const inUtc = await inZone('UTC', sample);
    const zones = [
      'America/Los_Angeles',
      'Pacific/Pago_Pago',
      'Atlantic/Azores',
      'Asia/Shanghai',
      'Asia/Tokyo',
      'Pacific/Kiritimati',
    ];
    for (const zone of zones) expect(await inZone(zone, sample), zone).toEqual(inUtc);
  });

  it('corrects the package, which is a day early west of UTC', async () => {
    const { raw, calendar } = await inZone('America/Los_Angeles', async () => ({
      raw: (await import('chinese-days')).default,
      calendar: await import('./calendar.js'),
    }));
    // Called in that zone (the functions read the zone when they run).
    await inZone('America/Los_Angeles', async () => {
      expect(raw.getSolarTermDate(2027, 4, 'pure_brightness')).toBe('2027-04-04');
      expect(raw.getDayDetail('2025-10-01').date).toBe('2025-09-30');
      expect(calendar.statutoryHolidays(2027).find((h) => h.name === '清明节')?.date).toBe('2027-04-05');
      expect(calendar.statutoryHolidays(2027).find((h) => h.name === '春节')?.date).toBe('2027-02-05');
      expect(calendar.officialDay('2025-09-30').kind).toBe('workday');
      expect(calendar.officialDay('2025-10-01').kind).toBe('holiday');
    });
  });
});

describe('serviceDayAtOrBefore', () => {
  const term = { firstDay: '2026-09-01', lastDay: '2027-01-22' };
  const days = serviceDays({ term, weekdays: [1, 2, 4, 5] });
  it('is today on a service day, the last service day before a weekend or a day without service', () => {
    expect(serviceDayAtOrBefore(days, '2026-11-30')?.date).toBe('2026-11-30');
    // Sunday → Friday; Wednesday (no service in the pilot) → Tuesday.
    expect(serviceDayAtOrBefore(days, '2026-11-29')?.date).toBe('2026-11-27');
    expect(serviceDayAtOrBefore(days, '2026-12-02')?.date).toBe('2026-12-01');
    // National Day holidays → the last day before them.
    expect(serviceDayAtOrBefore(days, '2026-10-05')?.date).toBe('2026-09-29');
  });
  it('is the demo day for each of the seven weekdays of a week (issue 12: the demo works any day)', () => {
    // 2026-11-30 is a Monday; the pilot serves Monday, Tuesday, Thursday and Friday.
    const week = eachDate('2026-11-30', '2026-12-06');
    expect(week.map((d) => weekdayOf(d))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(week.map((d) => serviceDayAtOrBefore(days, d)?.date)).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-01',
      '2026-12-03',
      '2026-12-04',
      '2026-12-04',
      '2026-12-04',
    ]);
  });
  it('is the last service day before a holiday that falls on a service weekday', () => {
    // New Year's Day 2027 is a Friday: the Thursday before it.
    expect(days.some((d) => d.date === '2027-01-01')).toBe(false);
    expect(serviceDayAtOrBefore(days, '2027-01-01')?.date).toBe('2026-12-31');
    expect(serviceDayAtOrBefore(days, '2027-01-03')?.date).toBe('2026-12-31');
  });
  it('is the first service day before the term, the last after it, and null without days', () => {
    expect(serviceDayAtOrBefore(days, '2026-08-15')?.date).toBe(days[0]?.date);
    expect(serviceDayAtOrBefore(days, '2027-02-10')?.date).toBe(days.at(-1)?.date);
    expect(serviceDayAtOrBefore([], '2026-11-30')).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  chineseDate,
  daysBetween,
  eachDate,
  formatTime,
  fromDayNumber,
  isIsoDate,
  parseTime,
  toDayNumber,
  weekdayOf,
} from './dates.js';

describe('school dates', () => {
  it('knows weekdays, whatever the machine zone', () => {
    expect(weekdayOf('2026-11-29')).toBe(7); // 星期日
    expect(weekdayOf('2026-10-01')).toBe(4); // 国庆, 星期四
    expect(weekdayOf('2024-02-29')).toBe(4);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('2000-01-01')).toBe(6);
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-09-01', '2027-01-20')).toBe(141);
    expect(eachDate('2026-09-29', '2026-10-02')).toEqual([
      '2026-09-29',
      '2026-09-30',
      '2026-10-01',
      '2026-10-02',
    ]);
  });

  it('round-trips day numbers and agrees with Date in UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_000, max: 80_000 }), (n) => {
        const date = fromDayNumber(n);
        expect(toDayNumber(date)).toBe(n);
        expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(date);
      }),
    );
  });

  it('validates dates and times', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(parseTime('17:30')).toBe(1050);
    expect(formatTime(1080)).toBe('18:00');
    expect(() => parseTime('24:00')).toThrow();
    expect(() => parseTime('7:30')).toThrow();
  });
});

describe('chineseDate', () => {
  it('writes 年月日 without leading zeros', () => {
    expect(chineseDate('2026-12-01')).toBe('2026年12月1日');
    expect(chineseDate('2027-01-22')).toBe('2027年1月22日');
  });
});

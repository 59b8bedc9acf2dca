import { describe, expect, it } from 'vitest';
import { addMonths, initialMonth, monthWeeks, regionDayMarks, schoolDayMarks } from './month-grid-model';

describe('the month grid (issue 14.16)', () => {
  it('lays a month out Monday first, with blanks before and after', () => {
    // October 2026 starts on a Thursday and has 31 days.
    const weeks = monthWeeks('2026-10');
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual([null, null, null, '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    expect(weeks.at(-1)).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      null,
    ]);
    // February 2027 starts on a Monday: four full weeks.
    expect(monthWeeks('2027-02')).toHaveLength(4);
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(initialMonth('2026-12-08', { from: '2026-09-01', to: '2027-01-22' })).toBe('2026-12');
    expect(initialMonth('2026-08-08', { from: '2026-09-01', to: '2027-01-22' })).toBe('2026-09');
  });

  it('marks a school’s term from the plan’s service-day summary: holidays, make-up days, no-service days, service days and the term’s edges', () => {
    const days = schoolDayMarks({
      term: { firstDay: '2026-09-01', lastDay: '2027-01-22', unifiedStartDate: '2026-09-07' },
      serviceDays: {
        firstDay: '2026-09-07',
        lastDay: '2027-01-22',
        excluded: [
          { date: '2026-10-01', reason: { kind: 'holiday', name: '国庆节' } },
          { date: '2026-10-10', reason: { kind: 'make_up_day_not_served', name: '国庆节' } },
          { date: '2026-09-09', reason: { kind: 'weekday_not_served' } },
          { date: '2026-11-12', reason: { kind: 'no_service_day', reason: '期中考试' } },
        ],
        makeUpDays: [{ date: '2026-09-20' }],
      },
      noServiceDays: [{ date: '2026-11-12', reason: '期中考试' }],
    });
    expect(days.get('2026-10-01')).toEqual({ marks: ['holiday'], notes: ['国庆节'] });
    expect(days.get('2026-10-10')?.marks).toEqual(['makeup']);
    expect(days.get('2026-09-20')?.marks).toEqual(['makeupServed']);
    expect(days.get('2026-11-12')).toEqual({ marks: ['noService'], notes: ['期中考试'] });
    expect(days.get('2026-09-08')?.marks).toEqual(['service']);
    expect(days.get('2026-09-07')?.marks).toEqual(['service', 'start']);
    // Not served that weekday, a plain weekend: nothing.
    expect(days.get('2026-09-09')).toBeUndefined();
    expect(days.get('2026-09-12')).toBeUndefined();
    expect(days.get('2026-09-01')?.marks).toEqual(['termFirst']);
    expect(days.get('2027-01-22')?.marks).toEqual(['service', 'termLast']);
  });

  it('without a plan, shows the term’s edges and the no-service days only', () => {
    const days = schoolDayMarks({
      term: { firstDay: '2026-09-01', lastDay: '2027-01-22' },
      serviceDays: null,
      noServiceDays: [{ date: '2027-01-20', reason: '期末考试' }],
    });
    expect([...days.keys()].sort()).toEqual(['2026-09-01', '2027-01-20', '2027-01-22']);
  });

  it('marks a region’s year: the region’s entry wins over the official day', () => {
    const days = regionDayMarks({
      official: [
        { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2026-10-10', kind: 'makeup_workday', name: '国庆节' },
        { date: '2026-10-09', kind: 'workday', name: '国庆节' },
      ],
      provisional: [],
      overrides: [{ date: '2026-10-10', kind: 'holiday', name: '县运动会' }],
      terms: [{ firstDay: '2026-09-01', lastDay: '2027-01-22', unifiedStartDate: null }],
    });
    expect(days.get('2026-10-01')?.marks).toEqual(['holiday']);
    expect(days.get('2026-10-10')).toEqual({ marks: ['holiday'], notes: ['县运动会'] });
    expect(days.get('2026-10-09')).toBeUndefined();
    expect(days.get('2026-09-01')?.marks).toEqual(['termFirst']);
  });
});

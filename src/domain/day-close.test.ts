import { describe, expect, it } from 'vitest';
import { type ChildDay, type ChildDayEvent, type ChildFacts, type DayMoment, replay } from './child-day.js';
import {
  custodyByStaff,
  dayCounts,
  handoverCountProblem,
  handoverExpectedCount,
  inHandover,
} from './day-close.js';

const facts: ChildFacts = { mayLeaveAlone: true, extendedCustody: true, pickupPersonIds: ['p1'] };
const at = (hm: string) => `2026-11-30T${hm}:00+08:00`;
const mark = (m: 'present' | 'late' | 'absent' | 'leave', hm = '15:35'): ChildDayEvent => ({
  type: 'mark',
  mark: m,
  at: at(hm),
  by: 't1',
});
const release: ChildDayEvent = { type: 'release', method: 'alone', personId: null, at: at('17:00'), by: 'g' };
const custody: ChildDayEvent = { type: 'custody', staffId: 's1', at: at('18:00'), automatic: false };
const contact: ChildDayEvent = { type: 'contact', at: at('16:00'), by: 't1', result: '已联系', reason: '病' };

function day(...events: ChildDayEvent[]): ChildDay {
  const { day, refused } = replay(events, facts);
  expect(refused).toEqual([]);
  return day;
}

const days = {
  unmarked: day(),
  present: day(mark('present')),
  late: day(mark('late')),
  called: day(mark('present'), { type: 'call', at: at('16:55'), by: 'g' }),
  absent: day(mark('absent')),
  absentContacted: day(mark('absent'), contact),
  onLeave: day(mark('leave')),
  released: day(mark('present'), release),
  inCustody: day(mark('present'), custody),
  custodyReleased: day(mark('present'), custody, release),
  corrected: day(mark('absent'), mark('present')),
};

describe('handover head-count (F-15, B 六(三) 交接班)', () => {
  it('at the start counts every child who came or is still expected, never absent or on leave', () => {
    const counted = Object.entries(days)
      .filter(([, d]) => inHandover('start', d))
      .map(([name]) => name);
    expect(counted).toEqual([
      'unmarked',
      'present',
      'late',
      'called',
      'released',
      'inCustody',
      'custodyReleased',
      'corrected',
    ]);
  });

  it('at the end counts every child still in the school’s care: present, called or in custody', () => {
    const counted = Object.entries(days)
      .filter(([, d]) => inHandover('end', d))
      .map(([name]) => name);
    expect(counted).toEqual(['present', 'late', 'called', 'inCustody', 'corrected']);
    expect(handoverExpectedCount('end', Object.values(days))).toBe(5);
    expect(handoverExpectedCount('start', [])).toBe(0);
  });

  it('accepts a different count only with the discrepancy written down', () => {
    expect(handoverCountProblem({ expectedCount: 5, countedCount: 5, discrepancies: null })).toBeNull();
    expect(handoverCountProblem({ expectedCount: 5, countedCount: 4, discrepancies: null })).toBe(
      'discrepancy_required',
    );
    expect(handoverCountProblem({ expectedCount: 5, countedCount: 6, discrepancies: '  ' })).toBe(
      'discrepancy_required',
    );
    expect(
      handoverCountProblem({ expectedCount: 5, countedCount: 4, discrepancies: '王小明去医务室' }),
    ).toBeNull();
  });
});

describe('day figures (F-16)', () => {
  const moment = (hm: string): DayMoment => ({
    now: new Date(at(hm)),
    rollCallDue: new Date(at('16:10')),
    serviceEnd: new Date(at('18:00')),
  });

  it('counts each child once per figure, custody whether released since or not', () => {
    // 应到 = 实到 + 缺席 + 请假 + 未确认
    expect(dayCounts(Object.values(days), moment('16:15'))).toEqual({
      enrolled: 11,
      attended: 7,
      absent: 2,
      onLeave: 1,
      released: 2,
      custody: 2,
      inCare: 4,
      unmarked: 1,
      awaitingRollCall: 0,
      // present, late, called, corrected: in school until the end time
      inSchool: 4,
      inCustody: 1,
      // unmarked after the roll-call deadline, absent without contact
      unaccounted: 2,
    });
    const c = dayCounts(Object.values(days), moment('16:15'));
    expect(c.attended + c.absent + c.onLeave + c.unmarked).toBe(c.enrolled);
  });

  it('at 16:15 children in care are in school, not unknown; after the end time they are unknown', () => {
    const inCare = [days.present, days.late, days.called, days.corrected];
    expect(dayCounts(inCare, moment('16:15'))).toMatchObject({ inSchool: 4, unaccounted: 0 });
    expect(dayCounts(inCare, moment('18:00'))).toMatchObject({ inSchool: 4, unaccounted: 0 });
    expect(dayCounts(inCare, moment('18:01'))).toMatchObject({ inSchool: 0, unaccounted: 4 });
    expect(dayCounts([days.unmarked], moment('16:00'))).toMatchObject({
      awaitingRollCall: 1,
      unaccounted: 0,
    });
    // A child in custody is known whenever it is.
    expect(dayCounts([days.inCustody], moment('19:00'))).toMatchObject({ inCustody: 1, unaccounted: 0 });
  });
});

describe('custody at the close, per staff member (C 延时托管)', () => {
  it('counts the children in custody now by the staff member keeping them, the most first', () => {
    const withS2: ChildDayEvent = { type: 'custody', staffId: 's2', at: at('18:00'), automatic: false };
    const list = [
      days.inCustody,
      days.inCustody,
      day(mark('present'), withS2),
      days.custodyReleased,
      days.present,
      days.released,
    ];
    expect(custodyByStaff(list)).toEqual([
      { staffId: 's1', count: 2 },
      { staffId: 's2', count: 1 },
    ]);
  });

  it('is empty when nobody is in custody (released from custody counts no more)', () => {
    expect(custodyByStaff([days.custodyReleased, days.present, days.absent])).toEqual([]);
  });
});

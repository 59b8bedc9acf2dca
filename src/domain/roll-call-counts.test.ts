import { describe, expect, it } from 'vitest';
import { type ChildDayEvent, type ChildFacts, replay } from './child-day.js';
import { awaitsContact, markCounts } from './roll-call-counts.js';

const facts: ChildFacts = { mayLeaveAlone: false, extendedCustody: false, pickupPersonIds: [] };
const at = (hm: string) => `2026-11-30T${hm}:00+08:00`;
const absent: ChildDayEvent = { type: 'mark', mark: 'absent', at: at('15:35'), by: 't1' };
const dayOf = (...events: ChildDayEvent[]) => replay(events, facts).day;

describe('roll-call head-counts (F-11, A 三.5)', () => {
  it('counts a late child in 实到 as well as in 迟到', () => {
    expect(markCounts(['late'])).toEqual({
      expected: 1,
      attended: 1,
      late: 1,
      absent: 0,
      onLeave: 0,
      unmarked: 0,
    });
  });

  it('实到 is present plus late; absent, on leave and unmarked children are not in it', () => {
    const counts = markCounts(['present', 'present', 'late', 'absent', 'leave', null, null]);
    expect(counts).toEqual({ expected: 7, attended: 3, late: 1, absent: 1, onLeave: 1, unmarked: 2 });
    // Every child is in exactly one of 实到, 缺席, 请假, 未点.
    expect(counts.attended + counts.absent + counts.onLeave + counts.unmarked).toBe(counts.expected);
  });

  it('an empty list and a list with no marks count nobody as come', () => {
    expect(markCounts([])).toEqual({ expected: 0, attended: 0, late: 0, absent: 0, onLeave: 0, unmarked: 0 });
    expect(markCounts([null, null]).attended).toBe(0);
    expect(markCounts([null, null]).unmarked).toBe(2);
  });
});

describe('open absences (A 三.5 未到时及时了解情况)', () => {
  it('an absence is open until the contact is recorded, escalated or not', () => {
    expect(awaitsContact(dayOf(absent))).toBe(true);
    expect(awaitsContact(dayOf(absent, { type: 'escalate', at: at('16:05') }))).toBe(true);
    const contact: ChildDayEvent = {
      type: 'contact',
      at: at('15:50'),
      by: 't1',
      result: '已联系',
      reason: '病',
    };
    expect(awaitsContact(dayOf(absent, contact))).toBe(false);
  });

  it('a corrected absence and a child not absent are not open absences', () => {
    const present: ChildDayEvent = { type: 'mark', mark: 'present', at: at('15:40'), by: 't1' };
    expect(awaitsContact(dayOf(absent, present))).toBe(false);
    expect(awaitsContact(dayOf())).toBe(false);
    expect(awaitsContact(dayOf({ type: 'mark', mark: 'leave', at: at('15:35'), by: 't1' }))).toBe(false);
  });
});

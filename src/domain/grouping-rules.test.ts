import { describe, expect, it } from 'vitest';
import type { GroupingProblem } from './grouping.js';
import {
  blockingProblems,
  enrolledOn,
  groupingPeriod,
  overQuota,
  proposedGroupNames,
  rosterPhone,
} from './grouping-rules.js';

const term = { firstDay: '2026-09-01', lastDay: '2027-01-22', unifiedStartDate: '2026-09-07' };

describe('groupingPeriod', () => {
  it('starts at the unified start date before the term, today during it, the last day after it', () => {
    expect(groupingPeriod(term, '2026-08-20')).toEqual({ from: '2026-09-07', to: '2027-01-22' });
    expect(groupingPeriod(term, '2026-09-07')).toEqual({ from: '2026-09-07', to: '2027-01-22' });
    expect(groupingPeriod(term, '2026-11-30')).toEqual({ from: '2026-11-30', to: '2027-01-22' });
    expect(groupingPeriod(term, '2027-01-22')).toEqual({ from: '2027-01-22', to: '2027-01-22' });
    expect(groupingPeriod(term, '2027-02-01')).toEqual({ from: '2027-01-22', to: '2027-01-22' });
    expect(groupingPeriod({ ...term, unifiedStartDate: null }, '2026-08-20').from).toBe('2026-09-01');
  });
});

describe('enrolledOn', () => {
  it('is enrolled until the day the withdrawal takes effect', () => {
    expect(enrolledOn({ withdrawnFrom: null }, '2026-11-30')).toBe(true);
    expect(enrolledOn({ withdrawnFrom: '2026-12-01' }, '2026-11-30')).toBe(true);
    expect(enrolledOn({ withdrawnFrom: '2026-11-30' }, '2026-11-30')).toBe(false);
    expect(enrolledOn({ withdrawnFrom: '2026-11-02' }, '2026-11-30')).toBe(false);
  });
});

describe('blockingProblems', () => {
  const p = (
    code: GroupingProblem['code'],
    severity: GroupingProblem['severity'] = 'error',
  ): GroupingProblem => ({
    code,
    severity,
    weekday: 1,
    clause: 'A 二',
    message: { zh: '', en: '' },
  });
  it('refuses children not enrolled or twice, bad venues and unassignable teachers; not work in progress', () => {
    const blocking = blockingProblems([
      p('unknown_child'),
      p('child_in_two_groups'),
      p('venue_over_capacity'),
      p('unknown_staff'),
      p('child_missing'),
      p('group_without_teacher'),
      p('quota_shortfall'),
      p('grade_not_in_group', 'warning'),
      p('over_quota', 'info'),
    ]);
    expect(blocking.map((b) => b.code)).toEqual([
      'unknown_child',
      'child_in_two_groups',
      'venue_over_capacity',
      'unknown_staff',
    ]);
  });
});

describe('proposedGroupNames', () => {
  it('numbers groups of the same grades per weekday', () => {
    const names = proposedGroupNames([
      { id: 'a', weekday: 1, grades: [1] },
      { id: 'b', weekday: 1, grades: [1] },
      { id: 'c', weekday: 1, grades: [1, 2] },
      { id: 'd', weekday: 2, grades: [1] },
      { id: 'e', weekday: 2, grades: [2, 4] },
    ]);
    expect([...names.values()]).toEqual(['1年级1组', '1年级2组', '1–2年级1组', '1年级1组', '2、4年级1组']);
  });
});

describe('overQuota', () => {
  it('notes more groups than the quota’s teachers, with the clause', () => {
    expect(overQuota({ weekday: 1, children: 59, groups: 1, teachersRequired: 1 })).toBeNull();
    const note = overQuota({ weekday: 1, children: 59, groups: 2, teachersRequired: 1 });
    expect(note).toMatchObject({ code: 'over_quota', severity: 'info', clause: 'B 五(三)' });
  });
});

describe('rosterPhone', () => {
  it('shows the phone in full or masked', () => {
    expect(rosterPhone('13812345678', true)).toBe('13812345678');
    expect(rosterPhone('13812345678', false)).toBe('138****5678');
    expect(rosterPhone(null, false)).toBeNull();
  });
});

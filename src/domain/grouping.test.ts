import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Weekday } from './dates.js';
import {
  type GroupingChild,
  type GroupingInput,
  type GroupingStaff,
  proposeGroups,
  validateGrouping,
} from './grouping.js';
import { defaultPolicy } from './policy.js';
import { staffingQuota } from './staffing-quota.js';

const ratios = defaultPolicy('pilot-4').staffing;
const WEEK: Weekday[] = [1, 2, 3, 4, 5];

function buildChildren(count: number, over: Partial<GroupingChild> = {}): GroupingChild[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `c${String(i).padStart(4, '0')}`,
    grade: 1,
    classId: `1-${1 + Math.floor(i / 40)}`,
    weekdays: [1],
    ...over,
  }));
}

function buildStaff(teachers: number, managers: number, weekdays: Weekday[] = WEEK): GroupingStaff[] {
  return [
    ...Array.from({ length: teachers }, (_, i) => ({ id: `t${i}`, role: 'teacher' as const, weekdays })),
    ...Array.from({ length: managers }, (_, i) => ({ id: `m${i}`, role: 'manager' as const, weekdays })),
  ];
}

function input(over: Partial<GroupingInput>): GroupingInput {
  return { children: [], venues: [{ id: 'v1', capacity: 60 }], staff: buildStaff(5, 2), ratios, ...over };
}

const errors = (ps: { severity: string }[]) => ps.filter((p) => p.severity !== 'info');

describe('proposeGroups at the boundaries (B 五(三), A 三.4)', () => {
  it.each([29, 30, 31])('%i children of one grade in one venue are one group with one teacher', (n) => {
    const x = input({ children: buildChildren(n) });
    const r = proposeGroups(x);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]).toMatchObject({ weekday: 1, grades: [1], venueId: 'v1', teacherId: 't0' });
    expect(r.groups[0]?.childIds).toHaveLength(n);
    expect(r.problems).toEqual([]);
    expect(r.days).toEqual([
      { weekday: 1, children: n, quota: { teachers: 1, managers: 0 }, managerIds: [] },
    ]);
  });

  it('fills a venue exactly to capacity, and the next child has no place', () => {
    const full = proposeGroups(input({ children: buildChildren(40), venues: [{ id: 'v1', capacity: 40 }] }));
    expect(full.groups[0]?.childIds).toHaveLength(40);
    expect(full.problems).toEqual([]);
    const over = proposeGroups(input({ children: buildChildren(41), venues: [{ id: 'v1', capacity: 40 }] }));
    expect(over.groups[0]?.childIds).toHaveLength(40);
    expect(over.problems).toEqual([
      expect.objectContaining({
        code: 'child_unplaced',
        reason: 'no_venue_capacity',
        clause: 'A 三.4',
      }),
    ]);
  });

  it('zero children make no groups and no problems', () => {
    expect(proposeGroups(input({}))).toEqual({ groups: [], days: [], problems: [] });
  });

  it('a child attending 2 of 5 days is placed on those two days only', () => {
    const children = [
      ...buildChildren(3, { weekdays: WEEK }),
      { id: 'two', grade: 1, classId: '1-1', weekdays: [2, 4] as Weekday[] },
    ];
    const r = proposeGroups(input({ children }));
    const days = r.groups.filter((g) => g.childIds.includes('two')).map((g) => g.weekday);
    expect(days).toEqual([2, 4]);
    expect(r.groups.map((g) => g.childIds.length)).toEqual([3, 4, 3, 4, 3]);
  });

  it('60 children make two groups of 30; 90 need a manager (per full 90)', () => {
    const two = proposeGroups(
      input({
        children: buildChildren(60),
        venues: [
          { id: 'v1', capacity: 60 },
          { id: 'v2', capacity: 60 },
        ],
      }),
    );
    expect(two.groups.map((g) => g.childIds.length)).toEqual([30, 30]);
    const ninety = proposeGroups(
      input({
        children: buildChildren(90),
        venues: ['a', 'b', 'c'].map((id) => ({ id, capacity: 60 })),
      }),
    );
    expect(ninety.groups).toHaveLength(3);
    expect(ninety.days[0]?.managerIds).toEqual(['m0']);
    expect(errors(ninety.problems)).toEqual([]);
  });

  it('two grade bands of 45 still meet the quota of 3 teachers for 90 children', () => {
    const children = [
      ...buildChildren(45, { grade: 1 }),
      ...buildChildren(45, { grade: 5 }).map((c) => ({ ...c, id: `x${c.id}` })),
    ];
    const r = proposeGroups(input({ children, venues: ['a', 'b', 'c'].map((id) => ({ id, capacity: 60 })) }));
    expect(r.groups).toHaveLength(3);
    expect(r.problems).toEqual([]);
  });

  it('reports a quota shortfall with its numbers and clause', () => {
    const r = proposeGroups(
      input({
        children: buildChildren(90),
        venues: ['a', 'b', 'c'].map((id) => ({ id, capacity: 60 })),
        staff: buildStaff(2, 0),
      }),
    );
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        code: 'quota_shortfall',
        clause: 'B 五(三)',
        numbers: expect.objectContaining({
          children: 90,
          teachersRequired: 3,
          teachersAssigned: 2,
          managersRequired: 1,
          managersAssigned: 0,
        }),
      }),
    );
    expect(r.problems.filter((p) => p.code === 'group_without_teacher')).toHaveLength(1);
  });

  it('keeps grades in their bands, reports a grade in no band, and shows over-quota as info', () => {
    const children = [
      ...buildChildren(5, { grade: 1 }),
      ...buildChildren(5, { grade: 3 }).map((c) => ({ ...c, id: `g3${c.id}` })),
      { id: 'g6', grade: 6, classId: '6-1', weekdays: [1] as Weekday[] },
    ];
    const r = proposeGroups(
      input({
        children,
        venues: [
          { id: 'a', capacity: 30 },
          { id: 'b', capacity: 30 },
        ],
        options: {
          gradeBands: [
            [1, 2],
            [3, 4],
          ],
        },
      }),
    );
    expect(r.groups.map((g) => g.grades)).toEqual([[1], [3]]);
    expect(r.problems.map((p) => [p.code, p.severity, p.reason ?? null])).toEqual([
      ['child_unplaced', 'error', 'no_grade_band'],
      ['over_quota', 'info', null],
    ]);
  });

  it('by default joins a small grade with the adjacent one', () => {
    const children = [
      ...buildChildren(10, { grade: 1 }),
      ...buildChildren(10, { grade: 2 }).map((c) => ({ ...c, id: `g2${c.id}` })),
    ];
    const r = proposeGroups(input({ children }));
    expect(r.groups.map((g) => g.grades)).toEqual([[1, 2]]);
  });

  it('is deterministic whatever the input order', () => {
    const x = input({
      children: buildChildren(130, { weekdays: WEEK }),
      venues: ['a', 'b', 'c', 'd'].map((id, i) => ({ id, capacity: 40 + i })),
    });
    const y = {
      ...x,
      children: [...x.children].reverse(),
      venues: [...x.venues].reverse(),
      staff: [...x.staff].reverse(),
    };
    expect(proposeGroups(y)).toEqual(proposeGroups(x));
  });
});

describe('validateGrouping of a hand-edited grouping', () => {
  const x = input({
    children: buildChildren(40, { weekdays: [1, 2] }),
    venues: [
      { id: 'v1', capacity: 40 },
      { id: 'v2', capacity: 20 },
    ],
    staff: [...buildStaff(2, 0, [1]), { id: 'm0', role: 'manager', weekdays: [1, 2] }],
  });
  const proposal = proposeGroups(x);
  const codes = (g: typeof proposal) => validateGrouping(g, x).map((p) => p.code);

  it('reports each kind of hand-made mistake', () => {
    const [mon, tue] = proposal.groups;
    if (!mon || !tue) throw new Error('expected two groups');
    expect(codes({ ...proposal, groups: [{ ...mon, childIds: [...mon.childIds, 'gone'] }, tue] })).toContain(
      'unknown_child',
    );
    const moved = { ...mon, id: 'extra', venueId: 'v2', teacherId: 't1', childIds: ['c0000'] };
    expect(codes({ ...proposal, groups: [mon, moved, tue] })).toContain('child_in_two_groups');
    expect(codes({ ...proposal, groups: [{ ...mon, childIds: mon.childIds.slice(1) }, tue] })).toContain(
      'child_missing',
    );
    expect(codes({ ...proposal, groups: [{ ...mon, venueId: 'v2' }, tue] })).toContain('venue_over_capacity');
    expect(codes({ ...proposal, groups: [{ ...mon, teacherId: null }, tue] })).toContain(
      'group_without_teacher',
    );
    expect(
      codes({ ...proposal, groups: [mon, { ...moved, teacherId: mon.teacherId, childIds: [] }, tue] }),
    ).toContain('staff_in_two_groups');
    expect(codes({ ...proposal, groups: [mon, { ...tue, teacherId: 't0' }] })).toContain('staff_unavailable');
  });

  it('finds in the proposal only what the proposal itself reported (Tuesday has no teacher)', () => {
    expect(proposal.problems.map((p) => [p.code, p.weekday])).toEqual([
      ['group_without_teacher', 2],
      ['quota_shortfall', 2],
    ]);
    expect(validateGrouping(proposal, x).map((p) => [p.code, p.weekday])).toEqual([
      ['group_without_teacher', 2],
      ['quota_shortfall', 2],
    ]);
  });
});

describe('venues follow the plan’s timetable (B 三)', () => {
  const x = input({
    children: buildChildren(50, { weekdays: [1, 2] }),
    venues: [
      { id: 'big', capacity: 60, weekdays: [1] },
      { id: 'small', capacity: 50, weekdays: [1, 2] },
    ],
  });

  it('places a day’s groups only where the plan holds activities that day', () => {
    const proposal = proposeGroups(x);
    expect(proposal.groups.map((g) => [g.weekday, g.venueId])).toEqual([
      [1, 'big'],
      [2, 'small'],
    ]);
    expect(validateGrouping(proposal, x).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('refuses a group in a room without an activity that day', () => {
    const proposal = proposeGroups(x);
    const moved = proposal.groups.map((g) => (g.weekday === 2 ? { ...g, venueId: 'big' } : g));
    const problems = validateGrouping({ ...proposal, groups: moved }, x);
    expect(problems.map((p) => [p.code, p.weekday, p.clause])).toContainEqual([
      'venue_not_in_timetable',
      2,
      'B 三',
    ]);
  });
});

// A school of random children; `ample` gives venues and staff enough for any grouping of them.
const weekdaysArb = fc.subarray(WEEK, { minLength: 0 });
const childrenArb = fc
  .array(
    fc.record({
      grade: fc.integer({ min: 1, max: 6 }),
      cls: fc.integer({ min: 1, max: 3 }),
      weekdays: weekdaysArb,
    }),
    { maxLength: 250 },
  )
  .map((rows) =>
    rows.map((r, i) => ({
      id: `c${i}`,
      grade: r.grade,
      classId: `${r.grade}-${r.cls}`,
      weekdays: r.weekdays,
    })),
  );
const ratiosArb = fc.record({
  studentsPerTeacher: fc.integer({ min: 5, max: 40 }),
  teacherRounding: fc.constantFrom('floor' as const, 'ceil' as const),
  studentsPerManager: fc.integer({ min: 30, max: 120 }),
  managerRounding: fc.constantFrom('floor' as const, 'ceil' as const),
});
const bandsArb = fc.option(
  fc.constantFrom(
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    [[1], [2], [3], [4], [5], [6]],
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
  ),
  { nil: undefined },
);

const anyInput = fc.record({
  children: childrenArb,
  venues: fc
    .array(fc.integer({ min: 1, max: 80 }), { maxLength: 12 })
    .map((cs) => cs.map((capacity, i) => ({ id: `v${i}`, capacity }))),
  staff: fc
    .array(
      fc.record({ role: fc.constantFrom('teacher' as const, 'manager' as const), weekdays: weekdaysArb }),
      { maxLength: 30 },
    )
    .map((ss) => ss.map((s, i) => ({ id: `s${i}`, ...s }))),
  ratios: ratiosArb,
  options: fc.record({ gradeBands: bandsArb }, { requiredKeys: [] }),
});

const ampleInput = fc
  .record({ children: childrenArb, ratios: ratiosArb, gradeBands: bandsArb })
  .map(({ children, ratios: r, gradeBands }) => {
    const groupsMax = children.length + 6;
    return {
      children,
      ratios: r,
      options: gradeBands ? { gradeBands } : {},
      // Every venue holds the largest group the policy allows; one venue per possible group.
      venues: Array.from({ length: groupsMax }, (_, i) => ({
        id: `v${i}`,
        capacity: 2 * r.studentsPerTeacher,
      })),
      staff: buildStaff(groupsMax, children.length),
    } satisfies GroupingInput;
  });

describe('grouping invariants (property tests)', () => {
  it('every child is in exactly one group on each day they attend and in none on other days; no venue over capacity', () => {
    fc.assert(
      fc.property(anyInput, (x) => {
        const r = proposeGroups(x);
        const unplaced = new Set(
          r.problems.filter((p) => p.code === 'child_unplaced').map((p) => `${p.weekday}:${p.childId}`),
        );
        const capacity = new Map(x.venues.map((v) => [v.id, v.capacity]));
        for (const g of r.groups) {
          expect(g.childIds.length).toBeLessThanOrEqual(capacity.get(g.venueId ?? '') ?? -1);
          expect(g.childIds.length).toBeGreaterThan(0);
        }
        for (const c of x.children)
          for (const d of WEEK) {
            const times = r.groups.filter((g) => g.weekday === d && g.childIds.includes(c.id)).length;
            const attends = c.weekdays.includes(d);
            expect(times + (unplaced.has(`${d}:${c.id}`) ? 1 : 0)).toBe(attends ? 1 : 0);
          }
        // What validation finds in a proposal, the proposal itself reported.
        const reported = new Set(r.problems.map((p) => `${p.code}:${p.weekday}:${p.groupId ?? ''}`));
        for (const p of validateGrouping(r, x)) {
          const key =
            p.code === 'child_missing'
              ? `child_unplaced:${p.weekday}:`
              : `${p.code}:${p.weekday}:${p.groupId ?? ''}`;
          expect(reported).toContain(key);
        }
      }),
    );
  });

  it('with enough staff and capacity: everyone placed, the quota met, no problems', () => {
    fc.assert(
      fc.property(ampleInput, (x) => {
        const r = proposeGroups(x);
        expect(errors(r.problems)).toEqual([]);
        expect(validateGrouping(r, x)).toEqual([]);
        for (const day of r.days) {
          const teachers = r.groups.filter((g) => g.weekday === day.weekday && g.teacherId !== null).length;
          const quota = staffingQuota(day.children, x.ratios);
          expect(teachers).toBeGreaterThanOrEqual(quota.teachers);
          expect(day.managerIds.length).toBe(quota.managers);
        }
      }),
    );
  });
});

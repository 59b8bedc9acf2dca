import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from './policy.js';
import { staffingQuota, staffingShortfall } from './staffing-quota.js';

const ratios = defaultPolicy('pilot-4').staffing;

describe('staffing quota, B 五(三) 按每班30名以上学生配1名教师，每90名学生加配1名管理人员', () => {
  it.each([
    [0, 0, 0],
    [1, 1, 0],
    [29, 1, 0],
    [30, 1, 0],
    [59, 1, 0],
    [60, 2, 0],
    [89, 2, 0],
    [90, 3, 1],
    [91, 3, 1],
    [179, 5, 1],
    [180, 6, 2],
  ])('%i students → %i teachers, %i managers', (students, teachers, managers) => {
    expect(staffingQuota(students, ratios)).toEqual({ teachers, managers });
  });

  it('reads the ratios from the policy, with their rounding', () => {
    const ceil = { ...ratios, teacherRounding: 'ceil', managerRounding: 'ceil' } as const;
    expect(staffingQuota(29, ceil)).toEqual({ teachers: 1, managers: 1 });
    expect(staffingQuota(31, ceil)).toEqual({ teachers: 2, managers: 1 });
    expect(staffingQuota(91, ceil)).toEqual({ teachers: 4, managers: 2 });
    expect(staffingQuota(50, { ...ratios, studentsPerTeacher: 25 })).toEqual({ teachers: 2, managers: 0 });
  });

  it('keeps every group at 30 or more and grows with the head-count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000 }), (n) => {
        const q = staffingQuota(n, ratios);
        expect(q.teachers).toBeGreaterThanOrEqual(1);
        // Groups of at least 30 where the head-count allows: one more teacher would make a group < 30.
        if (n >= 30) expect(Math.floor(n / q.teachers)).toBeGreaterThanOrEqual(30);
        expect(Math.floor(n / (q.teachers + 1))).toBeLessThan(30);
        expect(q.managers * 90).toBeLessThanOrEqual(n);
        expect((q.managers + 1) * 90).toBeGreaterThan(n);
        const next = staffingQuota(n + 1, ratios);
        expect(next.teachers).toBeGreaterThanOrEqual(q.teachers);
        expect(next.managers).toBeGreaterThanOrEqual(q.managers);
      }),
    );
  });

  it('refuses head-counts and ratios that are not whole numbers', () => {
    expect(() => staffingQuota(-1, ratios)).toThrow(RangeError);
    expect(() => staffingQuota(1.5, ratios)).toThrow(RangeError);
    expect(() => staffingQuota(10, { ...ratios, studentsPerTeacher: 0 })).toThrow(RangeError);
  });

  it('says how far a staff list falls short', () => {
    expect(staffingShortfall({ teachers: 3, managers: 1 }, { teachers: 2, managers: 1 })).toEqual({
      teachers: 1,
      managers: 0,
    });
    expect(staffingShortfall({ teachers: 1, managers: 0 }, { teachers: 4, managers: 2 })).toEqual({
      teachers: 0,
      managers: 0,
    });
  });
});

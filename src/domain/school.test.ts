import { describe, expect, it } from 'vitest';
import { childLevel, gradesProblem } from './school.js';

describe('school grades', () => {
  it('fits grades to the school type at the boundaries', () => {
    expect(gradesProblem('primary', [1, 6])).toBeNull();
    expect(gradesProblem('primary', [0])).toBe('outside_type');
    expect(gradesProblem('primary', [7])).toBe('outside_type');
    expect(gradesProblem('junior_middle', [7, 8, 9])).toBeNull();
    expect(gradesProblem('junior_middle', [6])).toBe('outside_type');
    expect(gradesProblem('nine_year', [1, 9])).toBeNull();
    expect(gradesProblem('nine_year', [10])).toBe('outside_type');
    expect(gradesProblem('primary', [])).toBe('empty');
    expect(gradesProblem('primary', [2, 2])).toBe('duplicate');
  });

  it('nests regions province → city → county', () => {
    expect(childLevel('province')).toBe('city');
    expect(childLevel('city')).toBe('county');
    expect(childLevel('county')).toBeNull();
  });
});

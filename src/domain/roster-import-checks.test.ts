import { describe, expect, it } from 'vitest';
import type { ParsedStaff, ParsedStudent } from './roster-import.js';
import {
  checkStaffAgainstSchool,
  newClasses,
  staffImportCounts,
  staffKind,
  studentImportCounts,
} from './roster-import-checks.js';

const student = (
  row: number,
  phones: string[],
  grade = 3,
  className = '2班',
  newClass = true,
): ParsedStudent => ({
  row,
  studentNo: `S${row}`,
  name: `学生${row}`,
  gender: 'male',
  grade,
  className,
  newClass,
  guardians: phones.map((phone, i) => ({ name: `家长${phone}`, relation: i ? '父亲' : '母亲', phone })),
});

const person = (row: number, phone: string, staffNo: string | null = null): ParsedStaff => ({
  row,
  staffNo,
  name: `老师${row}`,
  phone,
  roles: ['care_teacher'],
});

describe('what an import adds', () => {
  it('counts guardians by mobile: siblings share one, existing accounts are linked', () => {
    const rows = [
      student(2, ['13800000001']),
      student(3, ['13800000001', '13800000002']),
      student(4, ['13800000003'], 4, '1班', false),
    ];
    expect(studentImportCounts(rows, new Set(['13800000002']))).toEqual({
      students: 3,
      newClasses: 1,
      guardians: 3,
      newGuardianAccounts: 2,
      linkedGuardianAccounts: 1,
      guardianships: 4,
    });
    expect(newClasses(rows)).toEqual([{ grade: 3, name: '2班' }]);
  });

  it('counts staff accounts made and linked', () => {
    const rows = [person(2, '13900000001'), person(3, '13900000002')];
    expect(staffImportCounts(rows, new Set(['13900000002']))).toEqual({
      staff: 2,
      newAccounts: 1,
      linkedAccounts: 1,
    });
  });

  it('B 五(三): only admin or duty chief roles make a manager; any care or gate role a teacher', () => {
    expect(staffKind(['school_admin'])).toBe('manager');
    expect(staffKind(['duty_chief', 'school_admin'])).toBe('manager');
    expect(staffKind(['duty_chief', 'care_teacher'])).toBe('teacher');
    expect(staffKind(['gate_guard'])).toBe('teacher');
    expect(staffKind([])).toBe('teacher');
  });

  it('refuses a 工号 already used and a person already on the staff, row by row', () => {
    const problems = checkStaffAgainstSchool(
      [person(2, '13900000001', 'T1'), person(3, '13900000002', 'T2'), person(4, '13900000003')],
      { staffNos: new Set(['T1']), staffPhones: new Set(['13900000002']) },
    );
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, '工号', 'staff_no_exists'],
      [3, '手机', 'already_staff'],
    ]);
    expect(problems[0]?.message.zh).toContain('第 2 行');
    expect(problems[0]?.message.en).toContain('Row 2');
  });
});

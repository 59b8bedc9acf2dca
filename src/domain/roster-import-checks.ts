// F-27: what an import adds to the school, decided from the parsed rows (roster-import.ts) and what
// the school already holds. Pure; the use cases load the sets and save the outcome in one
// transaction. See docs/import.md.
import type { ImportProblem, ParsedStaff, ParsedStudent, StaffRole } from './roster-import.js';

type Bilingual = { zh: string; en: string };

/** Problems found only against the school's stored lists (the file itself may be fine). */
export type ImportCheckCode = 'staff_no_exists' | 'already_staff';

export interface ImportCheckProblem extends Omit<ImportProblem, 'code'> {
  code: ImportProblem['code'] | ImportCheckCode;
  message: Bilingual;
}

export interface StudentImportCounts {
  students: number;
  newClasses: number;
  /** Distinct guardians (by mobile) in the file. */
  guardians: number;
  /** Guardians whose mobile has no account yet: an account is made, signed in first by a code. */
  newGuardianAccounts: number;
  /** Guardians whose mobile already has an account (a sibling's guardian, a teacher who is a parent). */
  linkedGuardianAccounts: number;
  guardianships: number;
}

export interface StaffImportCounts {
  staff: number;
  newAccounts: number;
  linkedAccounts: number;
}

/** The guardians of the file by mobile, with the name first written for them. */
export function guardiansByPhone(rows: readonly ParsedStudent[]): Map<string, string> {
  const byPhone = new Map<string, string>();
  for (const row of rows)
    for (const g of row.guardians) if (!byPhone.has(g.phone)) byPhone.set(g.phone, g.name);
  return byPhone;
}

/** Distinct new classes as `{ grade, name }`. */
export function newClasses(rows: readonly ParsedStudent[]): { grade: number; name: string }[] {
  const seen = new Map<string, { grade: number; name: string }>();
  for (const r of rows) {
    if (r.newClass) seen.set(`${r.grade}\u0000${r.className}`, { grade: r.grade, name: r.className });
  }
  return [...seen.values()];
}

export function studentImportCounts(
  rows: readonly ParsedStudent[],
  existingPhones: ReadonlySet<string>,
): StudentImportCounts {
  const phones = [...guardiansByPhone(rows).keys()];
  const linked = phones.filter((p) => existingPhones.has(p)).length;
  return {
    students: rows.length,
    newClasses: newClasses(rows).length,
    guardians: phones.length,
    newGuardianAccounts: phones.length - linked,
    linkedGuardianAccounts: linked,
    guardianships: rows.reduce((n, r) => n + r.guardians.length, 0),
  };
}

export function staffImportCounts(
  rows: readonly ParsedStaff[],
  existingPhones: ReadonlySet<string>,
): StaffImportCounts {
  const linked = rows.filter((r) => existingPhones.has(r.phone)).length;
  return { staff: rows.length, newAccounts: rows.length - linked, linkedAccounts: linked };
}

/**
 * B 五(三) counts 教师 per group and 管理人员 per 90 children: someone who only runs the school's
 * side (学校管理员, 值日总护导) is a manager; anyone who cares for children or keeps the gate is
 * counted with the teachers, as the staff records do for people added by hand.
 */
export function staffKind(roles: readonly StaffRole[]): 'teacher' | 'manager' {
  return roles.length > 0 && roles.every((r) => r === 'school_admin' || r === 'duty_chief')
    ? 'manager'
    : 'teacher';
}

/**
 * A person already on the school's staff (by mobile) or a 工号 already used is refused, so that
 * importing the same staff file twice changes nothing.
 */
export function checkStaffAgainstSchool(
  rows: readonly ParsedStaff[],
  school: { staffNos: ReadonlySet<string>; staffPhones: ReadonlySet<string> },
): ImportCheckProblem[] {
  const problems: ImportCheckProblem[] = [];
  for (const r of rows) {
    if (r.staffNo !== null && school.staffNos.has(r.staffNo)) {
      problems.push({
        row: r.row,
        column: '工号',
        code: 'staff_no_exists',
        message: {
          zh: `第 ${r.row} 行工号 ${r.staffNo} 已在本校登记`,
          en: `Row ${r.row}: staff number ${r.staffNo} is already registered at the school`,
        },
      });
    }
    if (school.staffPhones.has(r.phone)) {
      problems.push({
        row: r.row,
        column: '手机',
        code: 'already_staff',
        message: {
          zh: `第 ${r.row} 行手机号 ${r.phone} 的人员已在本校工作人员名单中`,
          en: `Row ${r.row}: the person with mobile ${r.phone} is already on the school's staff`,
        },
      });
    }
  }
  return problems;
}

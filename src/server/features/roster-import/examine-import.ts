// F-27: an uploaded file read, parsed with the school's context and checked against what the school
// already holds. Shared by the preview and the commit, so both see the same problems.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { classes, schools, staff, students, users } from '../../../db/schema.js';
import {
  type ParsedStaff,
  type ParsedStudent,
  parseStaffRows,
  parseStudentRows,
} from '../../../domain/roster-import.js';
import {
  checkStaffAgainstSchool,
  guardiansByPhone,
  type ImportCheckProblem,
  staffImportCounts,
  studentImportCounts,
} from '../../../domain/roster-import-checks.js';
import { AppError } from '../../errors.js';
import { readFirstSheet } from './read-sheet.js';
import type { ImportCounts, ImportKind } from './schemas.js';

export type Queryable = Pick<Db, 'select' | 'insert' | 'update'>;

const ZERO: ImportCounts = {
  students: 0,
  newClasses: 0,
  guardians: 0,
  newGuardianAccounts: 0,
  linkedGuardianAccounts: 0,
  guardianships: 0,
  staff: 0,
  newAccounts: 0,
  linkedAccounts: 0,
};

interface Examined<K extends ImportKind, R> {
  kind: K;
  dataRows: number;
  rows: R[];
  problems: ImportCheckProblem[];
  counts: ImportCounts;
  /** Accounts that exist already, by mobile. */
  userIdByPhone: Map<string, string>;
}

export type ExaminedImport =
  | (Examined<'students', ParsedStudent> & { classIdByKey: Map<string, string> })
  | Examined<'staff', ParsedStaff>;

export function classKey(grade: number, name: string): string {
  return `${grade}\u0000${name}`;
}

const CHUNK = 5_000;

async function usersByPhone(db: Queryable, phones: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < phones.length; i += CHUNK) {
    const part = phones.slice(i, i + CHUNK);
    if (part.length === 0) continue;
    const rows = await db
      .select({ id: users.id, phone: users.phone })
      .from(users)
      .where(inArray(users.phone, part));
    for (const r of rows) if (r.phone) found.set(r.phone, r.id);
  }
  return found;
}

// A formula cell reaches the rules as `=` and its formula (read-sheet.ts): say how to keep its value.
function withFormulaHint<P extends ImportCheckProblem>(problem: P): P {
  if (problem.code !== 'formula') return problem;
  return {
    ...problem,
    message: {
      zh: `${problem.message.zh}；如该单元格是公式，请复制该列后“选择性粘贴—数值”`,
      en: `${problem.message.en}; if the cell holds a formula, copy the column and paste it as values`,
    },
  };
}

function dataRowCount(rows: readonly (readonly string[])[]): number {
  return rows.slice(1).filter((cells) => cells.some((c) => c.trim() !== '')).length;
}

/** Reads the file and checks it; throws only for a file that cannot be read at all. */
export async function examineImport(
  db: Queryable,
  input: { schoolId: string; kind: ImportKind; bytes: Buffer },
): Promise<ExaminedImport> {
  const sheet = await readFirstSheet(input.bytes);
  const dataRows = dataRowCount(sheet);
  if (input.kind === 'students') {
    const [school] = await db
      .select({ grades: schools.grades })
      .from(schools)
      .where(eq(schools.schoolId, input.schoolId));
    if (!school) throw new AppError('NOT_FOUND', { zh: '找不到该学校', en: 'No such school' });
    const existingClasses = await db
      .select({ classId: classes.classId, grade: classes.grade, name: classes.name })
      .from(classes)
      .where(eq(classes.schoolId, input.schoolId));
    const existingNos = await db
      .select({ no: students.studentNo })
      .from(students)
      .where(eq(students.schoolId, input.schoolId));
    // The school's classes are created by the import (a school's first import brings them all).
    const parsed = parseStudentRows(sheet, {
      schoolGrades: school.grades,
      existingStudentNos: existingNos.map((r) => r.no),
      existingClasses,
      allowNewClasses: true,
    });
    const userIdByPhone = await usersByPhone(db, [...guardiansByPhone(parsed.rows).keys()]);
    return {
      kind: 'students',
      dataRows,
      rows: parsed.rows,
      problems: parsed.problems.map(withFormulaHint),
      counts: { ...ZERO, ...studentImportCounts(parsed.rows, new Set(userIdByPhone.keys())) },
      userIdByPhone,
      classIdByKey: new Map(existingClasses.map((c) => [classKey(c.grade, c.name), c.classId])),
    };
  }
  const parsed = parseStaffRows(sheet);
  const userIdByPhone = await usersByPhone(
    db,
    parsed.rows.map((r) => r.phone),
  );
  // Archived records count too: their 工号 and account stay unique at the school.
  const current = await db
    .select({ staffNo: staff.staffNo, phone: users.phone, staffPhone: staff.phone })
    .from(staff)
    .leftJoin(users, eq(users.id, staff.userId))
    .where(eq(staff.schoolId, input.schoolId));
  const staffNos = new Set<string>();
  const staffPhones = new Set<string>();
  for (const s of current) {
    if (s.staffNo) staffNos.add(s.staffNo);
    if (s.phone) staffPhones.add(s.phone);
    if (s.staffPhone) staffPhones.add(s.staffPhone);
  }
  const problems: ImportCheckProblem[] = [
    ...parsed.problems,
    ...checkStaffAgainstSchool(parsed.rows, { staffNos, staffPhones }),
  ]
    .sort((a, b) => a.row - b.row)
    .map(withFormulaHint);
  return {
    kind: 'staff',
    dataRows,
    rows: parsed.rows,
    problems,
    counts: { ...ZERO, ...staffImportCounts(parsed.rows, new Set(userIdByPhone.keys())) },
    userIdByPhone,
  };
}

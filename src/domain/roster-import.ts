// F-27: import of students (with administrative class and guardians) and staff from the template a
// school office fills in. The columns are data here so the xlsx template and the parser share one
// definition. Pure: the route reads the xlsx into rows of text, calls these functions, shows the
// problems in a preview and saves in one transaction only when there are none (all or nothing).
// The readings chosen where offices write things several ways are in docs/domain-rules.md,
// "Import of students, guardians and staff (F-27)".
import { chineseNumber, ZH_DIGITS } from './chinese-number.js';
import { normaliseMobile, toHalfWidth } from './phone.js';

type Bilingual = { zh: string; en: string };

export interface ImportColumn<K extends string = string> {
  key: K;
  /** The header as the template writes it, in row 1. */
  header: string;
  /** Other headers offices use for the same column, read as this one. */
  aliases: readonly string[];
  /** The column must be in the header row (a cell may still be empty where `required` allows). */
  inHeader: boolean;
  /** A value is needed in every data row. */
  required: boolean;
  /** In characters (code points), not UTF-16 units. */
  maxLength: number;
  kind: 'text' | 'mobile' | 'gender' | 'grade' | 'class' | 'roles';
  /** A sample value for the template's example row and its note. */
  example: string;
  note: Bilingual;
}

/** Above this many data rows a file is refused whole (a school has a few thousand pupils). */
export const MAX_IMPORT_ROWS = 10_000;

const NAME_MAX = 50;

function column<K extends string>(
  key: K,
  header: string,
  options: Partial<Omit<ImportColumn<K>, 'key' | 'header'>> & Pick<ImportColumn<K>, 'example' | 'note'>,
): ImportColumn<K> {
  return {
    key,
    header,
    aliases: [],
    inHeader: true,
    required: true,
    maxLength: NAME_MAX,
    kind: 'text',
    ...options,
  };
}

function guardianColumns<N extends 1 | 2>(n: N, first: boolean) {
  const note = first ? '' : '（可不填；填写时姓名、关系、手机都要填）';
  const noteEn = first ? '' : ' (optional; when given, name, relation and mobile are all needed)';
  return [
    column(`guardian${n}Name`, `家长${n}姓名`, {
      aliases: [`监护人${n}姓名`],
      inHeader: first,
      required: first,
      example: first ? '王芳' : '李强',
      note: { zh: `家长${n}的姓名${note}`, en: `Guardian ${n}'s name${noteEn}` },
    }),
    column(`guardian${n}Relation`, `家长${n}关系`, {
      aliases: [`监护人${n}关系`, `家长${n}与学生关系`],
      inHeader: first,
      required: first,
      maxLength: 10,
      example: first ? '母亲' : '父亲',
      note: {
        zh: `与学生的关系，如 父亲、母亲、爷爷${note}`,
        en: `Relation to the pupil, e.g. father, mother${noteEn}`,
      },
    }),
    column(`guardian${n}Phone`, `家长${n}手机`, {
      aliases: [`家长${n}手机号`, `家长${n}手机号码`, `家长${n}电话`, `监护人${n}手机`],
      inHeader: first,
      required: first,
      maxLength: 20,
      kind: 'mobile',
      example: first ? '13800138000' : '13900139000',
      note: {
        zh: `11 位手机号，用于登录；兄弟姐妹的同一位家长填同一个号码${note}`,
        en: `11-digit mobile used to sign in; siblings' shared guardian has the same number${noteEn}`,
      },
    }),
  ] as const;
}

export const STUDENT_COLUMNS = [
  column('studentNo', '学号', {
    aliases: ['学籍号', '学生学号'],
    maxLength: 32,
    example: '20240101',
    note: {
      zh: '本校唯一；请将本列设为文本格式，以免丢失开头的 0',
      en: 'Unique in the school; keep the column as text',
    },
  }),
  column('name', '姓名', {
    aliases: ['学生姓名'],
    example: '张小明',
    note: { zh: '学生姓名', en: "The pupil's name" },
  }),
  column('gender', '性别', {
    maxLength: 2,
    kind: 'gender',
    example: '男',
    note: { zh: '男 或 女', en: '男 (male) or 女 (female)' },
  }),
  column('grade', '年级', {
    maxLength: 10,
    kind: 'grade',
    example: '三年级',
    note: {
      zh: '如 三年级、3年级、3；初中可写 初一 或 七年级',
      en: 'e.g. 三年级, 3年级 or 3; 初一 for grade 7',
    },
  }),
  column('className', '班级', {
    aliases: ['班别', '行政班'],
    maxLength: 20,
    kind: 'class',
    example: '2班',
    note: { zh: '如 2班、(2)班、二班', en: 'e.g. 2班, (2)班 or 二班' },
  }),
  ...guardianColumns(1, true),
  ...guardianColumns(2, false),
] as const;

export const STAFF_ROLES = {
  看护教师: 'care_teacher',
  值日总护导: 'duty_chief',
  门卫: 'gate_guard',
  学校管理员: 'school_admin',
} as const;
export type StaffRole = (typeof STAFF_ROLES)[keyof typeof STAFF_ROLES];

export const STAFF_COLUMNS = [
  column('staffNo', '工号', {
    aliases: ['教师工号', '职工号'],
    inHeader: false,
    required: false,
    maxLength: 32,
    example: 'T0012',
    note: { zh: '可不填；填写时本表内不能重复', en: 'Optional; unique in the file when given' },
  }),
  column('name', '姓名', { example: '陈老师', note: { zh: '姓名', en: 'Name' } }),
  column('phone', '手机', {
    aliases: ['手机号', '手机号码', '联系电话'],
    maxLength: 20,
    kind: 'mobile',
    example: '13700137000',
    note: { zh: '11 位手机号，用于登录', en: '11-digit mobile used to sign in' },
  }),
  column('roles', '岗位', {
    maxLength: 60,
    kind: 'roles',
    example: '看护教师',
    note: {
      zh: `${Object.keys(STAFF_ROLES).join('、')}；一人多岗用顿号分隔，如 看护教师、值日总护导`,
      en: 'One or more of 看护教师 (care teacher), 值日总护导 (duty chief), 门卫 (gate guard), 学校管理员 (school admin), separated by 、',
    },
  }),
] as const;

export type StudentColumnKey = (typeof STUDENT_COLUMNS)[number]['key'];
export type StaffColumnKey = (typeof STAFF_COLUMNS)[number]['key'];

export type ImportProblemCode =
  | 'empty_file'
  | 'too_many_rows'
  | 'missing_column'
  | 'unknown_column'
  | 'duplicate_column'
  | 'required'
  | 'too_long'
  | 'control_characters'
  | 'formula'
  | 'bad_phone'
  | 'phone_shared'
  | 'duplicate_phone'
  | 'duplicate_student_no'
  | 'student_no_exists'
  | 'duplicate_staff_no'
  | 'bad_gender'
  | 'bad_grade'
  | 'grade_outside_school'
  | 'bad_class'
  | 'unknown_class'
  | 'bad_role';

export interface ImportProblem {
  /** Spreadsheet row number: the header is row 1, the first data row is row 2. */
  row: number;
  /** The column's template header (or the header as written, for an unknown one); '' for the file. */
  column: string;
  code: ImportProblemCode;
  message: Bilingual;
}

export interface ParsedGuardian {
  name: string;
  relation: string;
  /** Normalised: 11 digits. */
  phone: string;
}

export interface ParsedStudent {
  row: number;
  studentNo: string;
  name: string;
  gender: 'male' | 'female';
  grade: number;
  /** The existing class's name as stored when it matches one, else the normalised name (`2班`). */
  className: string;
  /** True when no class of that grade and name exists yet: the import creates it. */
  newClass: boolean;
  guardians: ParsedGuardian[];
}

export interface ParsedStaff {
  row: number;
  staffNo: string | null;
  name: string;
  phone: string;
  roles: StaffRole[];
}

export interface StudentImportContext {
  /** The school's grades (schools.grades). */
  schoolGrades: readonly number[];
  /** Student numbers already in the school. */
  existingStudentNos: Iterable<string>;
  existingClasses: readonly { grade: number; name: string }[];
  /** When false, a class not in `existingClasses` is a problem; when true the import creates it. */
  allowNewClasses: boolean;
}

export interface ImportResult<T> {
  /** Data rows whose every cell could be read; a row may still be named by a problem (a duplicate). */
  rows: T[];
  /** Every problem of every row, in row order. Save only when this is empty. */
  problems: ImportProblem[];
}

// ── reading cells ─────────────────────────────────────────────────────────────────────────────

// Zero-width spaces and byte-order marks come in with copy-paste and CSV exports; they are invisible,
// so they are dropped rather than refused.
const INVISIBLE = /[\u200B\uFEFF]/g;
// C0 and C1 controls (a line break typed with Alt+Enter inside a cell, tabs) and bidirectional
// overrides, which can make a name display differently from what is stored.
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
// A cell a spreadsheet would run as a formula when the list is exported and opened again
// (CSV/formula injection): refused, not stripped, so the office sees what was in the file.
const FORMULA_START = /^[=+\-@]/;

/** Trimmed (spaces of any width), inner runs of spaces made one, invisible characters dropped. */
export function cleanCell(raw: string | null | undefined): string {
  return (raw ?? '')
    .replace(INVISIBLE, '')
    .trim()
    .replace(/[ \u00A0\u3000]+/g, ' ');
}

function headerKey(text: string): string {
  return toHalfWidth(cleanCell(text)).replace(/[\s*]/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')');
}

function lengthOf(text: string): number {
  return [...text].length;
}

// ── grades and classes ────────────────────────────────────────────────────────────────────────

function compact(text: string): string {
  return toHalfWidth(text).replace(/\s/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')');
}

/**
 * The grade 1–9 from `三年级`, `3年级`, `3`, `初一`/`初一年级` (7), `七年级`; null when unreadable.
 * Whether the school has that grade is checked by the caller.
 */
export function readGrade(text: string): number | null {
  const t = compact(text).replace(/年级$/, '');
  let grade: number | null = null;
  if (/^\d{1,2}$/.test(t)) grade = Number(t);
  else if (/^初[一二三]$/.test(t)) grade = 6 + (ZH_DIGITS[t.slice(1)] ?? 0);
  else grade = chineseNumber(t);
  return grade !== null && grade >= 1 && grade <= 9 ? grade : null;
}

/** `2班` from `2`, `2班`, `02班`, `(2)班`, `二班`, `(二)班`; null when not of that shape. */
function classNumberName(t: string): string | null {
  const m = /^(\()?(\d{1,2}|[一二两三四五六七八九十]{1,3})(\))?(班)?$/.exec(t);
  if (!m) return null;
  const [, open, number = '', close, ban] = m;
  if (Boolean(open) !== Boolean(close)) return null;
  const isDigits = /^\d+$/.test(number);
  // A bare Chinese numeral (`二`) could be anything; with 班 or brackets it is a class.
  if (!isDigits && !ban && !open) return null;
  const n = isDigits ? Number(number) : chineseNumber(number);
  return n !== null && n >= 1 ? `${n}班` : null;
}

export type ClassReading =
  | { ok: true; name: string /** The grade written in front of the class, if any. */; grade: number | null }
  | { ok: false };

/**
 * The normalised class name `N班` from the ways offices write it: `2`, `2班`, `02班`, `(2)班`,
 * `（2）班`, `二班`, optionally with the grade in front (`三(2)班`, `3年级2班`, `初一3班`), which is
 * returned so the caller can compare it with the 年级 column. Anything else is `ok: false`; the caller
 * may still accept it verbatim when it is the name of an existing class (`实验班`).
 */
export function readClassName(text: string): ClassReading {
  const t = compact(text);
  const plain = classNumberName(t);
  if (plain) return { ok: true, name: plain, grade: null };
  for (let cut = 1; cut < t.length; cut++) {
    const grade = readGrade(t.slice(0, cut));
    const rest = t.slice(cut);
    // The class part after a grade must say it is a class (班 or brackets), so 31 stays class 31.
    if (grade !== null && /[()班]/.test(rest)) {
      const name = classNumberName(rest);
      if (name) return { ok: true, name, grade };
    }
  }
  return { ok: false };
}

// ── problems ──────────────────────────────────────────────────────────────────────────────────

function rowList(rows: readonly number[]): string {
  return rows.join('、');
}

const ROLE_NAMES = Object.keys(STAFF_ROLES).join('、');

class Problems {
  readonly list: ImportProblem[] = [];
  add(row: number, column: string, code: ImportProblemCode, message: Bilingual): void {
    this.list.push({ row, column, code, message });
  }
  sorted(): ImportProblem[] {
    // Stable: within a row, problems keep the column order they were found in.
    return this.list.sort((a, b) => a.row - b.row);
  }
}

interface Header<K extends string> {
  /** Column index of each known key present. */
  index: Map<K, number>;
  ok: boolean;
}

function readHeader<K extends string>(
  headerRow: readonly string[],
  columns: readonly ImportColumn<K>[],
  problems: Problems,
): Header<K> {
  const byHeader = new Map<string, ImportColumn<K>>();
  for (const c of columns) {
    for (const h of [c.header, ...c.aliases]) byHeader.set(headerKey(h), c);
  }
  const index = new Map<K, number>();
  let ok = true;
  headerRow.forEach((cell, i) => {
    const written = cleanCell(cell);
    if (written === '') return;
    const c = byHeader.get(headerKey(written));
    if (!c) {
      ok = false;
      problems.add(1, written, 'unknown_column', {
        zh: `第 1 行有模板中没有的列“${written}”，请使用下载的模板`,
        en: `Row 1 has a column "${written}" that is not in the template; use the downloaded template`,
      });
    } else if (index.has(c.key)) {
      ok = false;
      problems.add(1, c.header, 'duplicate_column', {
        zh: `“${c.header}”列出现了两次`,
        en: `The column "${c.header}" appears twice`,
      });
    } else {
      index.set(c.key, i);
    }
  });
  for (const c of columns) {
    if (c.inHeader && !index.has(c.key)) {
      ok = false;
      problems.add(1, c.header, 'missing_column', {
        zh: `缺少“${c.header}”列，请使用下载的模板`,
        en: `The column "${c.header}" is missing; use the downloaded template`,
      });
    }
  }
  return { index, ok };
}

/**
 * The data rows with their spreadsheet row numbers, blank rows skipped (spreadsheets often carry
 * empty rows at the end). The caller passes every row of the sheet, blank ones included, so the
 * numbers match what the office sees.
 */
function dataRows(rows: readonly (readonly string[])[]): { row: number; cells: readonly string[] }[] {
  const out: { row: number; cells: readonly string[] }[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    if (cells.some((c) => cleanCell(c) !== '')) out.push({ row: i + 1, cells });
  }
  return out;
}

/**
 * Reads one cell: the cleaned text, or null after adding its problem. Empty required cells give
 * `required`; an empty optional cell reads as ''.
 */
function readText<K extends string>(
  cells: readonly string[],
  row: number,
  col: ImportColumn<K>,
  header: Header<K>,
  problems: Problems,
  required = col.required,
): string | null {
  const i = header.index.get(col.key);
  const value = i === undefined ? '' : cleanCell(cells[i]);
  if (value === '') {
    // A missing column is reported once on row 1, not again in every row.
    if (required && i !== undefined) {
      problems.add(row, col.header, 'required', {
        zh: `第 ${row} 行“${col.header}”未填写`,
        en: `Row ${row}: "${col.header}" is empty`,
      });
      return null;
    }
    return i === undefined && required ? null : '';
  }
  if (CONTROL.test(value)) {
    problems.add(row, col.header, 'control_characters', {
      zh: `第 ${row} 行“${col.header}”含有换行、制表符等控制字符，请删除后重新填写`,
      en: `Row ${row}: "${col.header}" contains line breaks, tabs or other control characters`,
    });
    return null;
  }
  // A mobile written with its country code (+86…) is a phone, not a formula: it is stored as
  // 11 digits, so nothing starting with + ever reaches an export.
  const isCountryCode = col.kind === 'mobile' && value.startsWith('+') && normaliseMobile(value) !== null;
  if (FORMULA_START.test(value) && !isCountryCode) {
    problems.add(row, col.header, 'formula', {
      zh: `第 ${row} 行“${col.header}”以 ${value[0]} 开头，会被表格软件当作公式，请删除该符号`,
      en: `Row ${row}: "${col.header}" starts with ${value[0]} and would run as a spreadsheet formula; remove it`,
    });
    return null;
  }
  if (lengthOf(value) > col.maxLength) {
    problems.add(row, col.header, 'too_long', {
      zh: `第 ${row} 行“${col.header}”超过 ${col.maxLength} 个字`,
      en: `Row ${row}: "${col.header}" is longer than ${col.maxLength} characters`,
    });
    return null;
  }
  return value;
}

function readMobile(value: string, row: number, col: ImportColumn, problems: Problems): string | null {
  const phone = normaliseMobile(value);
  if (!phone) {
    problems.add(row, col.header, 'bad_phone', {
      zh: `第 ${row} 行“${col.header}”不是有效的 11 位手机号：${value}`,
      en: `Row ${row}: "${col.header}" is not a valid 11-digit mobile number: ${value}`,
    });
  }
  return phone;
}

function startFile(
  rows: readonly (readonly string[])[],
  problems: Problems,
): { row: number; cells: readonly string[] }[] | null {
  const headerRow = rows[0];
  if (!headerRow || headerRow.every((c) => cleanCell(c) === '')) {
    problems.add(1, '', 'empty_file', {
      zh: '文件是空的：第 1 行应为表头，请使用下载的模板',
      en: 'The file is empty: row 1 should hold the headers; use the downloaded template',
    });
    return null;
  }
  const data = dataRows(rows);
  if (data.length === 0) {
    problems.add(1, '', 'empty_file', {
      zh: '文件只有表头，没有数据行',
      en: 'The file has headers but no data rows',
    });
    return null;
  }
  if (data.length > MAX_IMPORT_ROWS) {
    problems.add(1, '', 'too_many_rows', {
      zh: `文件有 ${data.length} 行数据，超过每次 ${MAX_IMPORT_ROWS} 行的上限，请分批导入`,
      en: `The file has ${data.length} data rows, more than the ${MAX_IMPORT_ROWS} allowed at once; import it in parts`,
    });
    return null;
  }
  return data;
}

// ── students ──────────────────────────────────────────────────────────────────────────────────

const S = Object.fromEntries(STUDENT_COLUMNS.map((c) => [c.key, c])) as Record<
  StudentColumnKey,
  ImportColumn<StudentColumnKey>
>;

const GUARDIAN_SLOTS = [
  { name: S.guardian1Name, relation: S.guardian1Relation, phone: S.guardian1Phone, required: true },
  { name: S.guardian2Name, relation: S.guardian2Relation, phone: S.guardian2Phone, required: false },
] as const;

function classKey(grade: number, name: string): string {
  return `${grade}\u0000${name}`;
}

/**
 * Reads the students sheet (header row first). Reports every problem of every row; see
 * `ImportResult`. Guardians are people by phone: the same phone with the same name on several rows
 * is one guardian of siblings; the same phone with different names is refused (one account per
 * phone), as is one phone for both guardians of a child.
 */
export function parseStudentRows(
  rows: readonly (readonly string[])[],
  context: StudentImportContext,
): ImportResult<ParsedStudent> {
  const problems = new Problems();
  const data = startFile(rows, problems);
  if (!data) return { rows: [], problems: problems.sorted() };
  const header = readHeader(rows[0] ?? [], STUDENT_COLUMNS, problems);

  const schoolGrades = new Set(context.schoolGrades);
  const existingNos = new Set(context.existingStudentNos);
  // Existing classes by grade and normalised name, so a class stored as `(2)班` matches `2班`.
  const classes = new Map<string, string>();
  for (const c of context.existingClasses) {
    const reading = readClassName(c.name);
    classes.set(classKey(c.grade, reading.ok && reading.grade === null ? reading.name : c.name), c.name);
  }

  const parsed: ParsedStudent[] = [];
  const rowsByNo = new Map<string, number[]>();
  const phoneUses = new Map<string, { row: number; column: string; name: string }[]>();

  for (const { row, cells } of data) {
    const read = (c: ImportColumn<StudentColumnKey>, required?: boolean) =>
      readText(cells, row, c, header, problems, required);
    let ok = true;

    const studentNo = read(S.studentNo);
    if (studentNo) {
      rowsByNo.set(studentNo, [...(rowsByNo.get(studentNo) ?? []), row]);
      if (existingNos.has(studentNo)) {
        problems.add(row, S.studentNo.header, 'student_no_exists', {
          zh: `第 ${row} 行学号 ${studentNo} 已在本校登记`,
          en: `Row ${row}: student number ${studentNo} is already registered at the school`,
        });
      }
    } else ok = false;

    const name = read(S.name);
    if (!name) ok = false;

    const genderText = read(S.gender);
    let gender: 'male' | 'female' | null = null;
    if (genderText) {
      gender = genderText === '男' ? 'male' : genderText === '女' ? 'female' : null;
      if (!gender) {
        problems.add(row, S.gender.header, 'bad_gender', {
          zh: `第 ${row} 行性别应填“男”或“女”，现为“${genderText}”`,
          en: `Row ${row}: gender must be 男 or 女, not "${genderText}"`,
        });
      }
    }
    if (!gender) ok = false;

    const gradeText = read(S.grade);
    let grade: number | null = null;
    if (gradeText) {
      grade = readGrade(gradeText);
      if (grade === null) {
        problems.add(row, S.grade.header, 'bad_grade', {
          zh: `第 ${row} 行年级“${gradeText}”无法识别，请写成 三年级、3年级 或 3`,
          en: `Row ${row}: grade "${gradeText}" is not readable; write 三年级, 3年级 or 3`,
        });
      } else if (!schoolGrades.has(grade)) {
        problems.add(row, S.grade.header, 'grade_outside_school', {
          zh: `第 ${row} 行年级“${gradeText}”不在本校开设的年级内`,
          en: `Row ${row}: grade "${gradeText}" is not one of the school's grades`,
        });
        grade = null;
      }
    }
    if (grade === null) ok = false;

    const classText = read(S.className);
    let className: string | null = null;
    let newClass = false;
    if (classText && grade !== null) {
      const reading = readClassName(classText);
      if (reading.ok && reading.grade !== null && reading.grade !== grade) {
        problems.add(row, S.className.header, 'bad_class', {
          zh: `第 ${row} 行班级“${classText}”写的年级与“年级”列不一致`,
          en: `Row ${row}: class "${classText}" names a grade other than the grade column`,
        });
      } else {
        // A class of another shape (实验班) is accepted only as the name of an existing class.
        const existing = classes.get(classKey(grade, reading.ok ? reading.name : classText));
        if (existing !== undefined) className = existing;
        else if (!context.allowNewClasses) {
          problems.add(row, S.className.header, 'unknown_class', {
            zh: `第 ${row} 行班级“${grade}年级${reading.ok ? reading.name : classText}”在本校不存在，请先添加班级`,
            en: `Row ${row}: class "${classText}" of grade ${grade} does not exist at the school; add it first`,
          });
        } else if (reading.ok) {
          className = reading.name;
          newClass = true;
        } else {
          problems.add(row, S.className.header, 'bad_class', {
            zh: `第 ${row} 行班级“${classText}”无法识别，新班级请写成 2班、(2)班 或 二班`,
            en: `Row ${row}: class "${classText}" is not readable; write a new class as 2班, (2)班 or 二班`,
          });
        }
      }
    }
    if (className === null) ok = false;

    const guardians: ParsedGuardian[] = [];
    const phonesInRow = new Map<string, string>();
    for (const slot of GUARDIAN_SLOTS) {
      // An optional guardian is needed whole as soon as one of its cells is filled.
      const filled = [slot.name, slot.relation, slot.phone].some((c) => {
        const i = header.index.get(c.key);
        return i !== undefined && cleanCell(cells[i]) !== '';
      });
      const required = slot.required || filled;
      const gName = read(slot.name, required);
      const relation = read(slot.relation, required);
      const phoneText = read(slot.phone, required);
      if (!required) continue;
      const phone = phoneText ? readMobile(phoneText, row, slot.phone, problems) : null;
      if (phone && phonesInRow.has(phone)) {
        problems.add(row, slot.phone.header, 'phone_shared', {
          zh: `第 ${row} 行两位家长的手机号相同（${phone}）；一个手机号只能对应一位家长`,
          en: `Row ${row}: both guardians have the mobile ${phone}; one mobile is one guardian's account`,
        });
      } else if (phone && gName) {
        phonesInRow.set(phone, gName);
        phoneUses.set(phone, [
          ...(phoneUses.get(phone) ?? []),
          { row, column: slot.phone.header, name: gName },
        ]);
      }
      if (gName && relation && phone) guardians.push({ name: gName, relation, phone });
      else ok = false;
    }

    if (ok && studentNo && name && gender && grade !== null && className !== null) {
      parsed.push({ row, studentNo, name, gender, grade, className, newClass, guardians });
    }
  }

  for (const [no, numbers] of rowsByNo) {
    if (numbers.length < 2) continue;
    for (const row of numbers) {
      problems.add(row, S.studentNo.header, 'duplicate_student_no', {
        zh: `学号 ${no} 在第 ${rowList(numbers)} 行重复`,
        en: `Student number ${no} appears in rows ${rowList(numbers)}`,
      });
    }
  }
  for (const [phone, uses] of phoneUses) {
    const names = [...new Set(uses.map((u) => u.name))];
    if (names.length < 2) continue;
    const numbers = [...new Set(uses.map((u) => u.row))];
    for (const use of uses) {
      problems.add(use.row, use.column, 'phone_shared', {
        zh: `手机号 ${phone} 在第 ${rowList(numbers)} 行登记给了不同的家长（${names.join('、')}）；一个手机号只能对应一位家长`,
        en: `Mobile ${phone} is given for different guardians (${names.join(', ')}) in rows ${rowList(numbers)}; one mobile is one guardian's account`,
      });
    }
  }

  return { rows: parsed, problems: problems.sorted() };
}

// ── staff ─────────────────────────────────────────────────────────────────────────────────────

const T = Object.fromEntries(STAFF_COLUMNS.map((c) => [c.key, c])) as Record<
  StaffColumnKey,
  ImportColumn<StaffColumnKey>
>;

/** Roles from `看护教师`, or several separated by 、，,;； / or spaces; null if one is unknown. */
export function readRoles(text: string): { roles: StaffRole[]; unknown: string[] } {
  const parts = text
    .split(/[、,，;；/\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const roles: StaffRole[] = [];
  const unknown: string[] = [];
  for (const p of parts) {
    const role = (STAFF_ROLES as Record<string, StaffRole>)[p];
    if (!role) unknown.push(p);
    else if (!roles.includes(role)) roles.push(role);
  }
  return { roles, unknown };
}

/**
 * Reads the staff sheet (header row first). Each person appears once, by mobile (their account);
 * several roles go in one 岗位 cell. 工号 is optional but unique when given.
 */
export function parseStaffRows(rows: readonly (readonly string[])[]): ImportResult<ParsedStaff> {
  const problems = new Problems();
  const data = startFile(rows, problems);
  if (!data) return { rows: [], problems: problems.sorted() };
  const header = readHeader(rows[0] ?? [], STAFF_COLUMNS, problems);

  const parsed: ParsedStaff[] = [];
  const rowsByPhone = new Map<string, number[]>();
  const rowsByNo = new Map<string, number[]>();

  for (const { row, cells } of data) {
    const read = (c: ImportColumn<StaffColumnKey>) => readText(cells, row, c, header, problems);
    const staffNo = read(T.staffNo);
    if (staffNo) rowsByNo.set(staffNo, [...(rowsByNo.get(staffNo) ?? []), row]);
    const name = read(T.name);
    const phoneText = read(T.phone);
    const phone = phoneText ? readMobile(phoneText, row, T.phone, problems) : null;
    if (phone) rowsByPhone.set(phone, [...(rowsByPhone.get(phone) ?? []), row]);
    const rolesText = read(T.roles);
    let roles: StaffRole[] | null = null;
    if (rolesText) {
      const reading = readRoles(rolesText);
      if (reading.unknown.length > 0 || reading.roles.length === 0) {
        problems.add(row, T.roles.header, 'bad_role', {
          zh: `第 ${row} 行岗位“${reading.unknown.join('、') || rolesText}”无法识别，应为 ${ROLE_NAMES} 之一`,
          en: `Row ${row}: role "${reading.unknown.join(', ') || rolesText}" is not one of ${ROLE_NAMES}`,
        });
      } else roles = reading.roles;
    }
    if (staffNo !== null && name && phone && roles) {
      parsed.push({ row, staffNo: staffNo === '' ? null : staffNo, name, phone, roles });
    }
  }

  for (const [phone, numbers] of rowsByPhone) {
    if (numbers.length < 2) continue;
    for (const row of numbers) {
      problems.add(row, T.phone.header, 'duplicate_phone', {
        zh: `手机号 ${phone} 在第 ${rowList(numbers)} 行重复；每人只填一行，多个岗位用顿号分隔`,
        en: `Mobile ${phone} appears in rows ${rowList(numbers)}; list each person once, several roles separated by 、`,
      });
    }
  }
  for (const [no, numbers] of rowsByNo) {
    if (numbers.length < 2) continue;
    for (const row of numbers) {
      problems.add(row, T.staffNo.header, 'duplicate_staff_no', {
        zh: `工号 ${no} 在第 ${rowList(numbers)} 行重复`,
        en: `Staff number ${no} appears in rows ${rowList(numbers)}`,
      });
    }
  }

  return { rows: parsed, problems: problems.sorted() };
}

/** The header row of a template, in the template's column order (for the xlsx download). */
export function templateHeaders(columns: readonly ImportColumn[]): string[] {
  return columns.map((c) => c.header);
}

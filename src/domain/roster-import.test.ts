import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseNumber } from './chinese-number.js';
import {
  type ImportProblemCode,
  MAX_IMPORT_ROWS,
  parseStaffRows,
  parseStudentRows,
  readClassName,
  readGrade,
  STAFF_COLUMNS,
  STUDENT_COLUMNS,
  type StudentImportContext,
  templateHeaders,
} from './roster-import.js';

const HEADER = templateHeaders(STUDENT_COLUMNS);
// 学号 姓名 性别 年级 班级 家长1姓名 家长1关系 家长1手机 家长2姓名 家长2关系 家长2手机
const GOOD = ['20240101', '张小明', '男', '三年级', '2班', '王芳', '母亲', '13800138000', '', '', ''];

const context: StudentImportContext = {
  schoolGrades: [1, 2, 3, 4, 5, 6],
  existingStudentNos: ['20230001'],
  existingClasses: [
    { grade: 3, name: '2班' },
    { grade: 3, name: '(3)班' },
    { grade: 4, name: '实验班' },
  ],
  allowNewClasses: false,
};

function withCell(base: string[], header: string, value: string): string[] {
  const copy = [...base];
  copy[HEADER.indexOf(header)] = value;
  return copy;
}

function problemsOf(rows: string[][], ctx: StudentImportContext = context) {
  return parseStudentRows([HEADER, ...rows], ctx).problems.map((p) => [p.row, p.column, p.code]);
}

function codesFor(header: string, value: string, ctx: StudentImportContext = context): ImportProblemCode[] {
  return parseStudentRows([HEADER, withCell(GOOD, header, value)], ctx).problems.map((p) => p.code);
}

describe('the template', () => {
  it('has the columns a school office writes, in order', () => {
    expect(HEADER).toEqual([
      '学号',
      '姓名',
      '性别',
      '年级',
      '班级',
      '家长1姓名',
      '家长1关系',
      '家长1手机',
      '家长2姓名',
      '家长2关系',
      '家长2手机',
    ]);
    expect(templateHeaders(STAFF_COLUMNS)).toEqual(['工号', '姓名', '手机', '岗位']);
  });

  it('parses its own example row', () => {
    const example = STUDENT_COLUMNS.map((c) => c.example);
    const result = parseStudentRows([HEADER, example], { ...context, allowNewClasses: true });
    expect(result.problems).toEqual([]);
    const staff = parseStaffRows([templateHeaders(STAFF_COLUMNS), STAFF_COLUMNS.map((c) => c.example)]);
    expect(staff.problems).toEqual([]);
  });
});

describe('parseStudentRows', () => {
  it('reads a good row', () => {
    const result = parseStudentRows([HEADER, GOOD], context);
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 2,
        studentNo: '20240101',
        name: '张小明',
        gender: 'male',
        grade: 3,
        className: '2班',
        newClass: false,
        guardians: [{ name: '王芳', relation: '母亲', phone: '13800138000' }],
      },
    ]);
  });

  it('trims spaces of any width and reads full-width digits', () => {
    const row = [
      '\u3000２０２４０１０１ ',
      ' 张小明\u3000',
      '女',
      '３年级',
      '（２）班',
      '王芳',
      '母亲',
      '１３８ ００１３ ８０００',
    ];
    const result = parseStudentRows([HEADER, row], context);
    expect(result.problems).toEqual([]);
    expect(result.rows[0]).toMatchObject({ studentNo: '２０２４０１０１', name: '张小明', gender: 'female' });
    expect(result.rows[0]?.guardians[0]?.phone).toBe('13800138000');
  });

  it('reports a missing, an unknown and a repeated column on row 1, and not again per row', () => {
    const header = HEADER.filter((h) => h !== '性别').concat(['备注', '学号']);
    const row = GOOD.filter((_, i) => i !== HEADER.indexOf('性别'));
    const result = parseStudentRows([header, row], context);
    expect(result.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [1, '备注', 'unknown_column'],
      [1, '学号', 'duplicate_column'],
      [1, '性别', 'missing_column'],
    ]);
  });

  it('reads headers with aliases, stars and spaces', () => {
    const header = [...HEADER];
    header[0] = '*学 号';
    header[1] = '学生姓名';
    header[7] = '家长１手机号';
    expect(parseStudentRows([header, GOOD], context).problems).toEqual([]);
  });

  it('lets the second guardian columns be left out of the file', () => {
    expect(parseStudentRows([HEADER.slice(0, 8), GOOD.slice(0, 8)], context).problems).toEqual([]);
  });

  it('reports every empty required cell of every row', () => {
    const rows = [withCell(withCell(GOOD, '姓名', ''), '家长1手机', ' '), withCell(GOOD, '学号', '')];
    expect(problemsOf(rows)).toEqual([
      [2, '姓名', 'required'],
      [2, '家长1手机', 'required'],
      [3, '学号', 'required'],
    ]);
  });

  it('needs the second guardian whole once one of its cells is filled', () => {
    const row = withCell(GOOD, '家长2姓名', '李强');
    expect(problemsOf([row])).toEqual([
      [2, '家长2关系', 'required'],
      [2, '家长2手机', 'required'],
    ]);
    const whole = withCell(withCell(row, '家长2关系', '父亲'), '家长2手机', '139-0013-9000');
    const result = parseStudentRows([HEADER, whole], context);
    expect(result.problems).toEqual([]);
    expect(result.rows[0]?.guardians).toHaveLength(2);
  });

  it('skips blank rows but keeps the spreadsheet row numbers', () => {
    const result = parseStudentRows(
      [HEADER, GOOD, [], ['', ' '], withCell(GOOD, '学号', '20240102')],
      context,
    );
    expect(result.rows.map((r) => r.row)).toEqual([2, 5]);
  });

  it('refuses an empty file, a header without rows, and too many rows', () => {
    expect(parseStudentRows([], context).problems.map((p) => p.code)).toEqual(['empty_file']);
    expect(parseStudentRows([HEADER, []], context).problems.map((p) => p.code)).toEqual(['empty_file']);
    const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => GOOD);
    expect(parseStudentRows([HEADER, ...many], context).problems.map((p) => p.code)).toEqual([
      'too_many_rows',
    ]);
  });

  it('refuses a bad phone', () => {
    expect(codesFor('家长1手机', '1380013800')).toEqual(['bad_phone']);
    expect(codesFor('家长1手机', '0755-12345678')).toEqual(['bad_phone']);
    expect(codesFor('家长1手机', '+86 138 0013 8000')).toEqual([]);
  });

  it('flags one phone given for different guardians, but not for siblings', () => {
    const sibling = withCell(withCell(GOOD, '学号', '20240102'), '姓名', '张小红');
    expect(problemsOf([GOOD, sibling])).toEqual([]);
    const other = withCell(withCell(GOOD, '学号', '20240103'), '家长1姓名', '赵丽');
    expect(problemsOf([GOOD, sibling, other])).toEqual([
      [2, '家长1手机', 'phone_shared'],
      [3, '家长1手机', 'phone_shared'],
      [4, '家长1手机', 'phone_shared'],
    ]);
    const both = [...GOOD.slice(0, 8), '张伟', '父亲', '138 0013 8000'];
    expect(problemsOf([both])).toEqual([[2, '家长2手机', 'phone_shared']]);
  });

  it('flags duplicate student numbers in the file and numbers already at the school', () => {
    expect(problemsOf([GOOD, GOOD])).toEqual([
      [2, '学号', 'duplicate_student_no'],
      [3, '学号', 'duplicate_student_no'],
    ]);
    expect(codesFor('学号', '20230001')).toEqual(['student_no_exists']);
  });

  it('accepts only 男 or 女', () => {
    expect(codesFor('性别', '女')).toEqual([]);
    for (const g of ['M', '男生', '男女', '1']) expect(codesFor('性别', g), g).toEqual(['bad_gender']);
  });

  it('reads grades as offices write them, within the school’s grades', () => {
    for (const g of ['三年级', '3年级', '3', '3 年级', '３']) expect(codesFor('年级', g), g).toEqual([]);
    expect(codesFor('年级', '七年级')).toEqual(['grade_outside_school']);
    expect(codesFor('年级', '初一')).toEqual(['grade_outside_school']);
    expect(codesFor('年级', '0')).toEqual(['bad_grade']);
    expect(codesFor('年级', '10')).toEqual(['bad_grade']);
    expect(codesFor('年级', '三班')).toEqual(['bad_grade']);
  });

  it('matches classes by their normalised name, and refuses unknown ones unless new classes are allowed', () => {
    const read = (value: string, ctx = context) => {
      const r = parseStudentRows([HEADER, withCell(GOOD, '班级', value)], ctx);
      return [r.rows[0]?.className ?? null, r.rows[0]?.newClass ?? null, r.problems.map((p) => p.code)];
    };
    for (const c of ['2班', '2', '02班', '(2)班', '（２）班', '二班', '三(2)班', '3年级2班']) {
      expect(read(c), c).toEqual(['2班', false, []]);
    }
    expect(read('3班')).toEqual(['(3)班', false, []]);
    expect(read('4班')).toEqual([null, null, ['unknown_class']]);
    expect(read('四(2)班')).toEqual([null, null, ['bad_class']]);
    const open = { ...context, allowNewClasses: true };
    expect(read('十一班', open)).toEqual(['11班', true, []]);
    expect(read('火箭班', open)).toEqual([null, null, ['bad_class']]);
    const grade4 = withCell(withCell(GOOD, '年级', '4'), '班级', ' 实验班 ');
    expect(parseStudentRows([HEADER, grade4], context).rows[0]?.className).toBe('实验班');
  });

  it('refuses cells that a spreadsheet would run as formulas, without stripping them', () => {
    for (const start of ['=', '+', '-', '@']) {
      expect(codesFor('姓名', `${start}HYPERLINK("http://x","张")`), start).toEqual(['formula']);
    }
    expect(codesFor('家长1手机', '=13800138000')).toEqual(['formula']);
    expect(codesFor('家长1手机', '+1 555 0100')).toEqual(['formula']);
    expect(codesFor('姓名', '张-明')).toEqual([]);
  });

  it('refuses text longer than its column allows, counting characters', () => {
    expect(codesFor('姓名', '张'.repeat(50))).toEqual([]);
    expect(codesFor('姓名', '张'.repeat(51))).toEqual(['too_long']);
    expect(codesFor('家长1关系', '外'.repeat(11))).toEqual(['too_long']);
    expect(codesFor('学号', '9'.repeat(33))).toEqual(['too_long']);
  });

  it('refuses control characters inside a cell, drops invisible ones', () => {
    expect(codesFor('姓名', '张\n小明')).toEqual(['control_characters']);
    expect(codesFor('姓名', '张\t小明')).toEqual(['control_characters']);
    expect(codesFor('姓名', '张\u202E小明')).toEqual(['control_characters']);
    const r = parseStudentRows([HEADER, withCell(GOOD, '姓名', '张\u200B小明\n')], context);
    expect(r.problems).toEqual([]);
    expect(r.rows[0]?.name).toBe('张小明');
  });

  it('gives messages in Chinese and English with the row number', () => {
    const [problem] = parseStudentRows([HEADER, withCell(GOOD, '性别', 'M')], context).problems;
    expect(problem?.message.zh).toContain('第 2 行');
    expect(problem?.message.en).toContain('Row 2');
  });

  it('reports every problem of every row, not only the first', () => {
    const bad = ['', '=x', 'M', '十年级', '', '', '', '123', '', '', ''];
    const codes = problemsOf([bad, bad]).map(([, , code]) => code);
    expect(codes).toEqual(
      Array(2)
        .fill([
          'required',
          'formula',
          'bad_gender',
          'bad_grade',
          'required',
          'required',
          'required',
          'bad_phone',
        ])
        .flat(),
    );
  });

  it('reads 3,000 rows with no problem', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => {
      const no = String(20240000 + i);
      const phone = `139${String(i).padStart(8, '0')}`;
      return [
        no,
        `学生${i}`,
        i % 2 ? '男' : '女',
        `${(i % 6) + 1}年级`,
        `${(i % 8) + 1}班`,
        `家长${i}`,
        '母亲',
        phone,
      ];
    });
    const started = performance.now();
    const result = parseStudentRows([HEADER.slice(0, 8), ...rows], { ...context, allowNewClasses: true });
    console.log(`3,000 student rows parsed in ${(performance.now() - started).toFixed(1)} ms`);
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(3000);
  });
});

describe('grade and class readings', () => {
  it('reads Chinese numerals 1–99', () => {
    expect(['一', '九', '十', '十一', '二十', '二十三', '九十九'].map(chineseNumber)).toEqual([
      1, 9, 10, 11, 20, 23, 99,
    ]);
    expect(['', '十十', '一一', '百'].map(chineseNumber)).toEqual([null, null, null, null]);
  });

  it('reads junior-middle grades', () => {
    expect(['初一', '初二年级', '初三', '七年级', '9'].map(readGrade)).toEqual([7, 8, 9, 7, 9]);
  });

  it('keeps the grade written before a class', () => {
    expect(readClassName('初一(3)班')).toEqual({ ok: true, name: '3班', grade: 7 });
    expect(readClassName('31班')).toEqual({ ok: true, name: '31班', grade: null });
    expect(readClassName('二')).toEqual({ ok: false });
    expect(readClassName('0班')).toEqual({ ok: false });
    expect(readClassName('(2班')).toEqual({ ok: false });
  });
});

describe('parseStaffRows', () => {
  const STAFF = templateHeaders(STAFF_COLUMNS);
  const staffCodes = (rows: string[][]) =>
    parseStaffRows([STAFF, ...rows]).problems.map((p) => [p.row, p.code]);

  it('reads staff with one or several roles and an optional staff number', () => {
    const result = parseStaffRows([
      STAFF,
      ['T01', '陈老师', '137 0013 7000', '看护教师、值日总护导'],
      ['', '刘师傅', '13600136000', '门卫'],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      { row: 2, staffNo: 'T01', name: '陈老师', phone: '13700137000', roles: ['care_teacher', 'duty_chief'] },
      { row: 3, staffNo: null, name: '刘师傅', phone: '13600136000', roles: ['gate_guard'] },
    ]);
  });

  it('refuses unknown roles, bad phones, missing names and duplicates', () => {
    expect(
      staffCodes([
        ['T01', '陈老师', '13700137000', '班主任'],
        ['T01', '', '1370013700', '学校管理员'],
        ['T02', '王老师', '137-0013-7000', '看护教师'],
      ]),
    ).toEqual([
      [2, 'bad_role'],
      [2, 'duplicate_phone'],
      [2, 'duplicate_staff_no'],
      [3, 'required'],
      [3, 'bad_phone'],
      [3, 'duplicate_staff_no'],
      [4, 'duplicate_phone'],
    ]);
  });

  it('needs the name, mobile and role columns', () => {
    expect(parseStaffRows([['姓名'], ['陈老师']]).problems.map((p) => [p.column, p.code])).toEqual([
      ['手机', 'missing_column'],
      ['岗位', 'missing_column'],
    ]);
  });
});

// ── property: any well-formed file parses with no problem and gives back its values ─────────────

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'];
const GIVEN = [...'明红华伟芳丽强军平敏静磊洋艳勇杰娟涛超霞'];
const name = fc
  .tuple(fc.constantFrom(...SURNAMES), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }))
  .map(([s, g]) => s + g.join(''));
const ZH = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const toFull = (s: string) => s.replace(/[0-9()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const writtenGrade = (g: number) => fc.constantFrom(`${ZH[g]}年级`, `${g}年级`, `${g}`, toFull(`${g}`));
const writtenClass = (n: number) =>
  fc.constantFrom(`${n}班`, `(${n})班`, toFull(`(${n})班`), `${ZH[n]}班`, `${n}`, ` ${n}班\u3000`);
const writtenPhone = (p: string) =>
  fc.constantFrom(
    p,
    `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`,
    `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`,
    `+86${p}`,
    `0086 ${p}`,
    toFull(p),
  );

const student = fc.record({
  name,
  gender: fc.constantFrom('male' as const, 'female' as const),
  grade: fc.integer({ min: 1, max: 6 }),
  classNo: fc.integer({ min: 1, max: 12 }),
  g1: fc.record({ name, relation: fc.constantFrom('父亲', '母亲', '爷爷', '奶奶', '外公', '外婆') }),
  g2: fc.option(fc.record({ name, relation: fc.constantFrom('父亲', '母亲', '其他') }), { nil: undefined }),
});

describe('parseStudentRows (property)', () => {
  it('parses any well-formed file with no problem and round-trips its values', () => {
    fc.assert(
      fc.property(
        fc.array(student, { minLength: 1, maxLength: 40 }),
        fc.infiniteStream(fc.nat()),
        fc.boolean(),
        (students, choices, shuffleColumns) => {
          const picks = choices[Symbol.iterator]();
          const pick = <T>(arb: fc.Arbitrary<T>): T =>
            fc.sample(arb, { numRuns: 1, seed: picks.next().value as number })[0] as T;
          // Columns in any order: the parser reads them by header.
          const order = HEADER.map((_, i) => i);
          if (shuffleColumns) order.reverse();
          const expected = students.map((s, i) => {
            // Each guardian gets a phone of their own, so no phone is shared across families.
            const phone1 = `13${String(i * 2).padStart(9, '0')}`;
            const phone2 = `15${String(i * 2 + 1).padStart(9, '0')}`;
            return {
              row: i + 2,
              studentNo: `S${String(i).padStart(5, '0')}`,
              name: s.name,
              gender: s.gender,
              grade: s.grade,
              className: `${s.classNo}班`,
              newClass: true,
              guardians: [{ ...s.g1, phone: phone1 }, ...(s.g2 ? [{ ...s.g2, phone: phone2 }] : [])],
            };
          });
          const cells = expected.map((e) => {
            const [g1, g2] = e.guardians;
            const row = [
              e.studentNo,
              e.name,
              e.gender === 'male' ? '男' : '女',
              pick(writtenGrade(e.grade)),
              pick(writtenClass(Number.parseInt(e.className, 10))),
              g1?.name ?? '',
              g1?.relation ?? '',
              pick(writtenPhone(g1?.phone ?? '')),
              g2?.name ?? '',
              g2?.relation ?? '',
              g2 ? pick(writtenPhone(g2.phone)) : '',
            ];
            return order.map((i) => row[i] ?? '');
          });
          const header = order.map((i) => HEADER[i] ?? '');
          const result = parseStudentRows([header, ...cells], {
            schoolGrades: [1, 2, 3, 4, 5, 6],
            existingStudentNos: [],
            existingClasses: [],
            allowNewClasses: true,
          });
          expect(result.problems).toEqual([]);
          expect(result.rows).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

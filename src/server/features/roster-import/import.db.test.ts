import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import {
  buildMember,
  buildSchool,
  buildUser,
  SAMPLE_PDF,
  type SchoolRow,
} from '../../../../test/factories.js';
import { MAX_IMPORT_ROWS } from '../../../domain/roster-import.js';
import { multipartOf, type SheetCell, STAFF_HEADER, studentRows, xlsxOf } from './fixtures.js';
import { readFirstSheet } from './read-sheet.js';

describe('import of students and staff (F-27)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function newSchool(): Promise<{ school: SchoolRow; admin: SignedIn }> {
    const school = await buildSchool(t.database.db);
    const { user } = await buildMember(t.database.db, 'school_admin', { school });
    return { school, admin: await signIn(t, user.id) };
  }

  const upload = (
    admin: SignedIn,
    school: SchoolRow,
    kind: string,
    step: string,
    bytes: Buffer,
    name?: string,
  ) => {
    const body = multipartOf(bytes, name);
    return admin.request({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/import/${kind}/${step}`,
      payload: body.payload,
      headers: body.headers,
    });
  };

  async function count(sql: string, params: unknown[]): Promise<number> {
    const res = await t.database.pool.query(`select count(*)::int as n from ${sql}`, params);
    return res.rows[0].n;
  }
  const studentsOf = (school: SchoolRow) => count('students where school_id = $1', [school.schoolId]);

  it('offers the template as xlsx with a Chinese file name, and reads it back', async () => {
    const { school, admin } = await newSchool();
    const res = await admin.request({ url: `/api/schools/${school.schoolId}/import/students/template` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('学生及家长导入模板.xlsx')}`,
    );
    const rows = await readFirstSheet(res.rawPayload);
    expect(rows[0]?.[0]).toBe('学号');
    expect(rows).toHaveLength(2);
    // The template as downloaded previews cleanly: one student, one new class, one new account.
    const preview = await upload(admin, school, 'students', 'preview', res.rawPayload);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      rows: 1,
      problems: [],
      counts: { students: 1, newClasses: 1, guardians: 2, newGuardianAccounts: 2 },
    });
  });

  it('previews every problem of every row with its row and column, and saves nothing', async () => {
    const { school, admin } = await newSchool();
    const rows = studentRows(5);
    (rows[2] as string[])[7] = '1380013800'; // 10 digits
    (rows[4] as string[])[2] = '未知';
    const res = await upload(admin, school, 'students', 'preview', await xlsxOf(rows), '三年级名单.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.fileName).toBe('三年级名单.xlsx');
    expect(body.rows).toBe(5);
    expect(body.problems).toEqual([
      expect.objectContaining({ row: 3, column: '家长1手机', code: 'bad_phone' }),
      expect.objectContaining({ row: 5, column: '性别', code: 'bad_gender' }),
    ]);
    expect(body.problems[0].message.zh).toContain('第 3 行');
    expect(body.problems[0].message.en).toContain('Row 3');
    expect(await studentsOf(school)).toBe(0);
  });

  it('refuses to commit a file with one bad row: nothing at all is saved', async () => {
    const { school, admin } = await newSchool();
    const rows = studentRows(50);
    (rows[30] as string[])[0] = '';
    const users = await count('users', []);
    const res = await upload(admin, school, 'students', 'commit', await xlsxOf(rows));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('IMPORT_HAS_PROBLEMS');
    expect(res.json().details.problems).toEqual([expect.objectContaining({ row: 31, code: 'required' })]);
    expect(await studentsOf(school)).toBe(0);
    expect(await count('classes where school_id = $1', [school.schoolId])).toBe(0);
    expect(await count('users', [])).toBe(users);
  });

  it('imports students, classes, guardians and memberships in one go, with an audit row; the same file again is refused', async () => {
    const { school, admin } = await newSchool();
    const file = await xlsxOf(studentRows(60));
    const res = await upload(admin, school, 'students', 'commit', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toMatchObject({
      students: 60,
      newClasses: 60,
      guardians: 66,
      newGuardianAccounts: 66,
      linkedGuardianAccounts: 0,
      guardianships: 66,
    });
    expect(await studentsOf(school)).toBe(60);
    expect(await count('guardianships where school_id = $1', [school.schoolId])).toBe(66);
    expect(
      await count(`school_memberships where school_id = $1 and role = 'guardian' and revoked_at is null`, [
        school.schoolId,
      ]),
    ).toBe(66);
    const guardian = await t.database.pool.query(
      `select display_name, password_hash, username from users where phone = '13900000001'`,
    );
    expect(guardian.rows).toEqual([{ display_name: '家长1', password_hash: null, username: null }]);
    const audit = await t.database.pool.query(
      `select details from audit_log where action = 'import.students' and scope_school_id = $1`,
      [school.schoolId],
    );
    expect(audit.rows[0].details.counts.students).toBe(60);

    const again = await upload(admin, school, 'students', 'commit', file);
    expect(again.statusCode, again.body).toBe(400);
    expect(again.json().error, again.body).toBe('IMPORT_HAS_PROBLEMS');
    expect(again.json().details.problems).toHaveLength(60);
    expect(again.json().details.problems[0]).toMatchObject({ row: 2, code: 'student_no_exists' });
    expect(await studentsOf(school)).toBe(60);
  });

  it('links a guardian whose phone already has an account instead of making another', async () => {
    const { school, admin } = await newSchool();
    const existing = await buildUser(t.database.db, { phone: '13712345678', displayName: '李老师' });
    const rows = studentRows(3, 901, '136');
    (rows[1] as string[])[7] = '137 1234 5678';
    (rows[2] as string[])[7] = '13712345678';
    (rows[2] as string[])[5] = (rows[1] as string[])[5] as string; // siblings, same guardian
    const preview = await upload(admin, school, 'students', 'preview', await xlsxOf(rows));
    expect(preview.json().counts).toMatchObject({
      guardians: 2,
      linkedGuardianAccounts: 1,
      newGuardianAccounts: 1,
    });
    const res = await upload(admin, school, 'students', 'commit', await xlsxOf(rows));
    expect(res.statusCode, res.body).toBe(200);
    expect(await count('users where phone = $1', ['13712345678'])).toBe(1);
    expect(await count('guardianships where user_id = $1', [existing.id])).toBe(2);
    expect(await count(`school_memberships where user_id = $1 and role = 'guardian'`, [existing.id])).toBe(1);
  });

  it('refuses one phone for two different guardians across families (phone_shared)', async () => {
    const { school, admin } = await newSchool();
    const rows = studentRows(3);
    (rows[3] as string[])[7] = (rows[1] as string[])[7] as string;
    const res = await upload(admin, school, 'students', 'preview', await xlsxOf(rows));
    const codes = res.json().problems.map((p: { row: number; code: string }) => `${p.row}:${p.code}`);
    expect(codes).toEqual(['2:phone_shared', '4:phone_shared']);
  });

  it('imports staff with accounts, their roles and a staff record; the same file again is refused', async () => {
    const { school, admin } = await newSchool();
    const rows = [
      STAFF_HEADER,
      ['T001', '陈老师', '13500000001', '看护教师'],
      ['', '周主任', '13500000002', '学校管理员、值日总护导'],
      ['T003', '王师傅', '13500000003', '门卫'],
    ];
    const res = await upload(admin, school, 'staff', 'commit', await xlsxOf(rows));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toMatchObject({ staff: 3, newAccounts: 3, linkedAccounts: 0 });
    const records = await t.database.pool.query(
      `select s.staff_no, s.name, s.kind, array_agg(m.role::text order by m.role) as roles
         from staff s join school_memberships m on m.user_id = s.user_id and m.school_id = s.school_id
        where s.school_id = $1 group by s.staff_no, s.name, s.kind, s.phone order by s.phone`,
      [school.schoolId],
    );
    expect(records.rows).toEqual([
      { staff_no: 'T001', name: '陈老师', kind: 'teacher', roles: ['care_teacher'] },
      { staff_no: null, name: '周主任', kind: 'manager', roles: ['school_admin', 'duty_chief'] },
      { staff_no: 'T003', name: '王师傅', kind: 'teacher', roles: ['gate_guard'] },
    ]);
    const again = await upload(admin, school, 'staff', 'preview', await xlsxOf(rows));
    expect(again.json().problems.map((p: { code: string }) => p.code)).toEqual([
      'staff_no_exists',
      'already_staff',
      'already_staff',
      'staff_no_exists',
      'already_staff',
    ]);
  });

  it('refuses files that are not workbooks, damaged ones and ones with too many rows (a workbook without sheets: read-sheet.test.ts)', async () => {
    const { school, admin } = await newSchool();
    const pdf = await upload(admin, school, 'students', 'preview', SAMPLE_PDF, 'x.pdf');
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error).toBe('UPLOAD_WRONG_TYPE');
    const good = await xlsxOf(studentRows(3));
    const broken = await upload(admin, school, 'students', 'preview', good.subarray(0, 400));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toBe('IMPORT_FILE_INVALID');
    expect(broken.json().message).toContain(' / ');
    const big = await upload(
      admin,
      school,
      'students',
      'commit',
      await xlsxOf(studentRows(MAX_IMPORT_ROWS + 1)),
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toBe('IMPORT_TOO_MANY_ROWS');
    expect(await studentsOf(school)).toBe(0);
  }, 60_000);

  it('names a formula cell as a formula and says how to keep its value', async () => {
    const { school, admin } = await newSchool();
    const rows: SheetCell[][] = studentRows(2);
    (rows[2] as SheetCell[])[1] = { formula: 'A3&"同学"', result: 'S0000002同学' };
    const res = await upload(admin, school, 'students', 'preview', await xlsxOf(rows));
    expect(res.json().problems).toEqual([
      expect.objectContaining({ row: 3, column: '姓名', code: 'formula' }),
    ]);
    expect(res.json().problems[0].message.zh).toContain('选择性粘贴');
    expect(res.json().problems[0].message.zh).not.toContain('S0000002同学');
  });

  it('lists the import, export and code routes in the OpenAPI document', async () => {
    const paths = Object.keys((await t.app.inject({ url: '/api/docs/json' })).json().paths);
    for (const p of [
      '/api/schools/{schoolId}/import/{kind}/template',
      '/api/schools/{schoolId}/import/{kind}/preview',
      '/api/schools/{schoolId}/import/{kind}/commit',
      '/api/schools/{schoolId}/export/{kind}',
      '/api/schools/{schoolId}/login-codes',
      '/api/auth/code-login',
      '/api/auth/first-password',
    ])
      expect(paths).toContain(p);
  });

  it('imports 3,000 students in one request', async () => {
    const { school, admin } = await newSchool();
    const file = await xlsxOf(studentRows(3_000, 10_000));
    const started = performance.now();
    const res = await upload(admin, school, 'students', 'commit', file);
    const ms = performance.now() - started;
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts.students).toBe(3_000);
    expect(await studentsOf(school)).toBe(3_000);
    console.info(`3,000-row import: ${Math.round(ms)} ms`);
  }, 60_000);

  it('exports students with their guardians in full, in the template columns, re-importable elsewhere', async () => {
    const { school, admin } = await newSchool();
    await upload(admin, school, 'students', 'commit', await xlsxOf(studentRows(20, 5_000, '135')));
    const res = await admin.request({ url: `/api/schools/${school.schoolId}/export/students` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const rows = await readFirstSheet(res.rawPayload);
    expect(rows).toHaveLength(21);
    expect(rows.slice(1).some((r) => r.includes('13500005001'))).toBe(true);
    const other = await newSchool();
    const again = await upload(other.admin, other.school, 'students', 'preview', res.rawPayload);
    expect(again.json().problems).toEqual([]);
    expect(again.json().counts.linkedGuardianAccounts).toBe(22);

    const staffExport = await admin.request({ url: `/api/schools/${school.schoolId}/export/staff` });
    expect(staffExport.statusCode).toBe(200);
  });
});

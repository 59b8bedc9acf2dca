import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildMember, buildSchool, type SchoolRow } from '../../../../test/factories.js';
import { multipartOf, STAFF_HEADER, studentRows, xlsxOf } from '../roster-import/fixtures.js';

const NEW_PASSWORD = 'Guardian-Home-2026';

describe('one-time sign-in codes for imported accounts', () => {
  let t: TestApp;
  let school: SchoolRow;
  let admin: SignedIn;
  let adminUserId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    school = await buildSchool(t.database.db);
    adminUserId = (await buildMember(t.database.db, 'school_admin', { school })).user.id;
    admin = await signIn(t, adminUserId);
    // 12 children; every tenth has a second guardian. Rows 2 and 3 share their guardian (siblings).
    const rows = studentRows(12, 101, '137');
    (rows[2] as string[])[5] = (rows[1] as string[])[5] as string;
    (rows[2] as string[])[7] = (rows[1] as string[])[7] as string;
    const body = multipartOf(await xlsxOf(rows));
    const res = await admin.request({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/import/students/commit`,
      payload: body.payload,
      headers: body.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const staff = multipartOf(await xlsxOf([STAFF_HEADER, ['', '陈老师', '13300000001', '看护教师']]));
    const staffRes = await admin.request({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/import/staff/commit`,
      payload: staff.payload,
      headers: staff.headers,
    });
    expect(staffRes.statusCode, staffRes.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  // A new session each time: the tests move the clock by days.
  const issue = async (body: object) =>
    (await signIn(t, adminUserId)).request({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/login-codes`,
      payload: body,
    });
  const codeLogin = (phone: string, code: string, from = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/code-login',
      payload: { phone, code },
      remoteAddress: from,
    });
  const codeFor = (
    items: { maskedPhone: string; code: string; studentNo: string | null }[],
    studentNo: string,
  ) => items.find((i) => i.studentNo === studentNo)?.code as string;

  it('summarises the classes and accounts without a password', async () => {
    const res = await admin.request({ url: `/api/schools/${school.schoolId}/login-codes` });
    expect(res.statusCode).toBe(200);
    // 12 children, one pair of siblings sharing a guardian, one child (no. 110) with two guardians.
    expect(res.json()).toMatchObject({ guardiansWithoutPassword: 12, staffWithoutPassword: 1, openCodes: 0 });
    expect(res.json().classes.length).toBeGreaterThan(0);
  });

  it('issues one code per guardian for the whole school, sends it in-app and keeps only its hash', async () => {
    const res = await issue({ scope: 'school' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.issued).toBe(12);
    expect(body.items).toHaveLength(13); // one line per child and guardian
    expect(body.expiresAt).toBe('2026-12-14T07:30:00.000Z');
    const siblings = body.items.filter((i: { maskedPhone: string }) => i.maskedPhone === '137****0101');
    expect(siblings).toHaveLength(2);
    expect(siblings[0].code).toBe(siblings[1].code);
    expect(siblings[0].code).toMatch(/^\d{4} \d{4}$/);
    const stored = await t.database.pool.query(
      `select code_hash from login_codes where school_id = $1 and revoked_at is null`,
      [school.schoolId],
    );
    expect(stored.rows).toHaveLength(12);
    const plain = siblings[0].code.replace(' ', '');
    expect(stored.rows.some((r) => r.code_hash.includes(plain))).toBe(false);
    const messages = await t.database.pool.query(
      `select n.body from notifications n join users u on u.id = n.user_id
        where n.kind = 'login_code' and u.phone = '13700000101'`,
    );
    expect(messages.rows).toHaveLength(1);
    expect(messages.rows[0].body.zh).toContain(siblings[0].code);
    const audit = await t.database.pool.query(
      `select details from audit_log where action = 'login_code.issue' and scope_school_id = $1`,
      [school.schoolId],
    );
    expect(audit.rows[0].details).toEqual({ scope: 'school', people: 12 });
  });

  it('signs a guardian in with a fresh code once, asks for a password, and refuses wrong, reused and older codes', async () => {
    const first = (await issue({ scope: 'students', studentIds: [] })).statusCode;
    expect(first).toBe(400);
    const ids = await t.database.pool.query(
      `select student_id from students where school_id = $1 and student_no = 'S0000103'`,
      [school.schoolId],
    );
    const older = (await issue({ scope: 'students', studentIds: [ids.rows[0].student_id] })).json();
    const newer = (await issue({ scope: 'students', studentIds: [ids.rows[0].student_id] })).json();
    const oldCode = codeFor(older.items, 'S0000103');
    const code = codeFor(newer.items, 'S0000103');
    // Issuing anew revoked the older code.
    expect((await codeLogin('13700000103', oldCode)).statusCode).toBe(401);
    const wrong = await codeLogin('13700000103', '00000000');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toBe('LOGIN_CODE_INVALID');
    const ok = await codeLogin('137 0000 0103', code.replace(' ', '-'));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.mustSetPassword).toBe(true);
    expect(ok.json().memberships).toEqual([expect.objectContaining({ role: 'guardian' })]);
    // Used once: gone.
    expect((await codeLogin('13700000103', code)).statusCode).toBe(401);

    const cookie = String(ok.headers['set-cookie']).split(';')[0] as string;
    const headers = { cookie, 'x-csrf-token': ok.json().csrfToken };
    // Until the password is set, the API itself refuses everything but the session, the password and
    // signing out, whatever the client (issue 13.11); a write's idempotency key is not spent.
    for (const request of [
      { method: 'GET' as const, url: '/api/guardian/children' },
      { method: 'GET' as const, url: '/api/notifications' },
      {
        method: 'POST' as const,
        url: '/api/auth/password',
        payload: { currentPassword: 'x', newPassword: NEW_PASSWORD },
        headers: { ...headers, 'idempotency-key': 'first-password-key-1' },
      },
    ]) {
      const refused = await t.app.inject({ headers, ...request });
      expect(refused.statusCode, request.url).toBe(403);
      expect(refused.json().error).toBe('PASSWORD_NOT_SET');
    }
    expect(
      (
        await t.database.pool.query(
          `select count(*)::int as n from idempotency_keys where key = 'first-password-key-1'`,
        )
      ).rows[0].n,
    ).toBe(0);
    expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(200);
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/first-password',
      headers,
      payload: { newPassword: '12345678' },
    });
    expect(weak.statusCode).toBe(400);
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/auth/first-password',
      headers,
      payload: { newPassword: NEW_PASSWORD },
    });
    expect(set.statusCode).toBe(204);
    const session = await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(session.json().user.mustSetPassword).toBe(false);
    expect((await t.app.inject({ url: '/api/guardian/children', headers: { cookie } })).statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/first-password',
      headers,
      payload: { newPassword: `${NEW_PASSWORD}!` },
    });
    expect(again.statusCode).toBe(409);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier: '13700000103', password: NEW_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    // With a password the guardian gets no more codes.
    const next = (await issue({ scope: 'students', studentIds: [ids.rows[0].student_id] })).json();
    expect(next.issued).toBe(0);
  });

  it('refuses an expired code', async () => {
    const res = (await issue({ scope: 'school' })).json();
    const code = codeFor(res.items, 'S0000104');
    t.clock.advance(14 * 24 * 60 * 60 * 1000 + 1000);
    expect((await codeLogin('13700000104', code)).statusCode).toBe(401);
  });

  it('locks the account after 5 wrong codes, even for the right one, like a password login', async () => {
    const res = (await issue({ scope: 'school' })).json();
    const code = codeFor(res.items, 'S0000105');
    // 3 from one address (then that address is throttled), 2 from another.
    for (let i = 0; i < 3; i++)
      expect((await codeLogin('13700000105', `1111000${i}`, '10.20.0.1')).statusCode).toBe(401);
    const throttled = await codeLogin('13700000105', code, '10.20.0.1');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error).toBe('LOGIN_THROTTLED');
    for (let i = 3; i < 5; i++)
      expect((await codeLogin('13700000105', `1111000${i}`, '10.20.0.2')).statusCode).toBe(401);
    const locked = await codeLogin('13700000105', code, '10.20.0.3');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toBe('LOGIN_LOCKED');
    // Password guesses count against the same account.
    const pw = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier: '13700000105', password: 'whatever-password' },
      remoteAddress: '10.20.0.3',
    });
    expect(pw.statusCode).toBe(429);
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await codeLogin('13700000105', code)).statusCode).toBe(200);
  });

  it('issues codes to imported staff without a password', async () => {
    const res = await issue({ scope: 'staff' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ name: '陈老师', studentName: null, maskedPhone: '133****0001' }),
    ]);
    const login = await codeLogin('13300000001', res.json().items[0].code);
    expect(login.statusCode).toBe(200);
    expect(login.json().memberships).toEqual([expect.objectContaining({ role: 'care_teacher' })]);
  });

  it('refuses a class of another school', async () => {
    const other = await buildSchool(t.database.db);
    const klass = await t.database.pool.query(
      `insert into classes (school_id, grade, name) values ($1, 3, '9班') returning class_id`,
      [other.schoolId],
    );
    expect((await issue({ scope: 'class', classId: klass.rows[0].class_id })).statusCode).toBe(404);
  });
});

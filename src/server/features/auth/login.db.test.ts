import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { buildMember, buildSchool } from '../../../../test/factories.js';
import { hashPassword } from './passwords.js';
import { SESSION_COOKIE } from './sessions.js';

const PASSWORD = 'Kehou-Login-2026!';

describe('login, lockout and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function makeTeacher(username: string, phone: string | null = null) {
    const school = await buildSchool(t.database.db);
    const { user } = await buildMember(
      t.database.db,
      'care_teacher',
      { school },
      { username, passwordHash: await hashPassword(PASSWORD) },
    );
    if (phone) await t.database.pool.query('update users set phone = $1 where id = $2', [phone, user.id]);
    return { user, school };
  }

  const login = (identifier: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password }, headers });

  it('logs in by username (any case) or phone, sets an HttpOnly SameSite cookie and returns the memberships', async () => {
    const { school } = await makeTeacher('Teacher.Li', '13800138000');
    const res = await login('teacher.li', PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.memberships).toEqual([
      expect.objectContaining({ role: 'care_teacher', schoolId: school.schoolId, schoolName: school.name }),
    ]);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`${SESSION_COOKIE}=`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await login('13800138000', PASSWORD)).statusCode).toBe(200);
    // As people type it.
    for (const typed of ['138 0013 8000', '+86 138-0013-8000', '008613800138000']) {
      expect((await login(typed, PASSWORD)).statusCode, typed).toBe(200);
    }
  });

  it('refuses a wrong password with 401 and the same answer as an unknown account', async () => {
    await makeTeacher('teacher.wang');
    const wrong = await login('teacher.wang', 'not-the-password');
    const unknown = await login('nobody.here', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().message).toBe('用户名或密码错误 / Wrong username or password');
  });

  it('locks an account after 5 failures in 15 minutes, even for the right password, and logs it', async () => {
    await makeTeacher('teacher.zhao');
    for (let i = 0; i < 5; i++)
      expect((await login('teacher.zhao', `wrong-${i}-password`)).statusCode).toBe(401);
    const locked = await login('teacher.zhao', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toBe('LOGIN_LOCKED');
    expect(locked.json().message).toMatch(/分钟后再试 \/ .*try again in \d+ min/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const logged = await t.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'auth.locked' and object_id = 'teacher.zhao'`,
    );
    expect(logged.rows[0].n).toBe(1);
    // The window passes: the account opens again.
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await login('teacher.zhao', PASSWORD)).statusCode).toBe(200);
  });

  it('does not lock after 4 failures, and a success clears the count', async () => {
    await makeTeacher('teacher.sun');
    for (let i = 0; i < 4; i++) await login('teacher.sun', `wrong-${i}-password`);
    expect((await login('teacher.sun', PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await login('teacher.sun', `wrong-${i}-password`);
    expect((await login('teacher.sun', PASSWORD)).statusCode).toBe(200);
  });

  it('gives a new session id at each login and ends the session after 30 idle minutes', async () => {
    await makeTeacher('teacher.qian');
    const first = await login('teacher.qian', PASSWORD);
    const second = await login('teacher.qian', PASSWORD);
    const token = (res: typeof first) => String(res.headers['set-cookie']).split(';')[0];
    expect(token(first)).not.toBe(token(second));
    const cookie = token(second);
    expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(200);
    t.clock.advance(29 * 60 * 1000);
    expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(200);
    t.clock.advance(31 * 60 * 1000);
    const expired = await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toBe('SESSION_EXPIRED');
  });

  it('ends a session 12 hours after login even when used all the time', async () => {
    await makeTeacher('teacher.zhou');
    const res = await login('teacher.zhou', PASSWORD);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    for (let hour = 0; hour < 12 * 4 - 1; hour++) {
      t.clock.advance(15 * 60 * 1000);
      expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(200);
    }
    t.clock.advance(16 * 60 * 1000);
    expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('locks the current-password check of a password change after 5 wrong guesses', async () => {
    await makeTeacher('teacher.zheng');
    const res = await login('teacher.zheng', PASSWORD);
    const headers = {
      cookie: String(res.headers['set-cookie']).split(';')[0] as string,
      'x-csrf-token': res.json().csrfToken,
    };
    const change = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers,
        payload: { currentPassword, newPassword: 'Brand-New-Pass-2026' },
      });
    for (let i = 0; i < 5; i++) expect((await change(`guess-${i}-password`)).statusCode).toBe(403);
    const locked = await change(PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toBe('LOGIN_LOCKED');
    // Logging in is a separate count: the account itself is not locked by this.
    expect((await login('teacher.zheng', PASSWORD)).statusCode).toBe(200);
  });

  it('logs out: the cookie stops working', async () => {
    await makeTeacher('teacher.wu');
    const res = await login('teacher.wu', PASSWORD);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const csrf = res.json().csrfToken;
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(401);
  });
});

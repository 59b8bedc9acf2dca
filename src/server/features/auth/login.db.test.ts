import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { buildMember, buildSchool } from '../../../../test/factories.js';
import { ADDRESS_FAILURES } from '../../../domain/sign-in-limits.js';
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

  // `from`: the client's address (each test uses addresses of its own).
  const login = (identifier: string, password: string, from = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier, password },
      remoteAddress: from,
    });

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

  it('locks an account after 5 failures in 15 minutes from anywhere, even for the right password, and logs it', async () => {
    await makeTeacher('teacher.zhao');
    // 3 from one address and 2 from another: one address alone never gets that far.
    for (const from of ['10.1.0.1', '10.1.0.1', '10.1.0.1', '10.1.0.2', '10.1.0.2'])
      expect((await login('teacher.zhao', `wrong-${from}-password`, from)).statusCode).toBe(401);
    const locked = await login('teacher.zhao', PASSWORD, '10.1.0.3');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toBe('LOGIN_LOCKED');
    expect(locked.json().message).toMatch(/\d+ 分钟后再试.*解锁码 \/ .*try again in \d+ min.*unlock code/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const logged = await t.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'auth.locked' and object_id = 'teacher.zhao'`,
    );
    expect(logged.rows[0].n).toBe(1);
    // The window passes: the account opens again.
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await login('teacher.zhao', PASSWORD, '10.1.0.3')).statusCode).toBe(200);
  });

  it('does not lock after 4 failures, and a success clears the count', async () => {
    await makeTeacher('teacher.sun');
    const guesses = async (a: string, b: string) => {
      for (const from of [a, a, b, b])
        expect((await login('teacher.sun', `wrong-${from}-password`, from)).statusCode).toBe(401);
    };
    await guesses('10.2.0.1', '10.2.0.2');
    expect((await login('teacher.sun', PASSWORD, '10.2.0.3')).statusCode).toBe(200);
    await guesses('10.2.0.4', '10.2.0.5');
    expect((await login('teacher.sun', PASSWORD, '10.2.0.3')).statusCode).toBe(200);
  });

  // Issue 13.5: the count was per identifier string, so an account with a phone had 5 guesses by
  // username and 5 more by phone, and one locked by username still signed in by phone.
  it('counts the guesses of an account whether its username or its phone was typed', async () => {
    await makeTeacher('teacher.feng', '13900139001');
    for (const [typed, from] of [
      ['teacher.feng', '10.3.0.1'],
      ['Teacher.Feng', '10.3.0.1'],
      ['139 0013 9001', '10.3.0.1'],
      ['13900139001', '10.3.0.2'],
      ['+86 139-0013-9001', '10.3.0.2'],
    ] as const)
      expect((await login(typed, 'not-the-password', from)).statusCode, typed).toBe(401);
    for (const typed of ['teacher.feng', '13900139001']) {
      const res = await login(typed, PASSWORD, '10.3.0.3');
      expect(res.statusCode, typed).toBe(429);
      expect(res.json().error).toBe('LOGIN_LOCKED');
    }
  });

  it('keeps an account locked by username locked by phone', async () => {
    await makeTeacher('teacher.chu', '13900139002');
    for (const from of ['10.4.0.1', '10.4.0.1', '10.4.0.1', '10.4.0.2', '10.4.0.2'])
      expect((await login('teacher.chu', 'not-the-password', from)).statusCode).toBe(401);
    const byPhone = await login('13900139002', PASSWORD, '10.4.0.3');
    expect(byPhone.statusCode).toBe(429);
    expect(byPhone.json().error).toBe('LOGIN_LOCKED');
  });

  it('stops one address after 3 wrong guesses for an account, before the lock: the user elsewhere still signs in', async () => {
    await makeTeacher('teacher.wei', '13900139003');
    const guard = '10.5.0.1';
    for (let i = 0; i < 3; i++)
      expect(
        (await login(i === 1 ? '13900139003' : 'teacher.wei', `guess-${i}-password`, guard)).statusCode,
      ).toBe(401);
    // Whatever it types next, from there: 429 with its own code and Retry-After, nothing checked.
    for (const typed of ['teacher.wei', '13900139003']) {
      const throttled = await login(typed, PASSWORD, guard);
      expect(throttled.statusCode).toBe(429);
      expect(throttled.json().error).toBe('LOGIN_THROTTLED');
      expect(throttled.json().message).toMatch(/\d+ 分钟后再试.* \/ .*try again in \d+ min/);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    }
    const logged = await t.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'auth.throttled' and object_id = 'teacher.wei'`,
    );
    expect(logged.rows[0].n).toBe(1);
    // However long it keeps trying, the account is not locked: the teacher signs in elsewhere.
    for (let i = 0; i < 10; i++) await login('teacher.wei', `guess-more-${i}`, guard);
    expect((await login('teacher.wei', PASSWORD, '10.5.0.2')).statusCode).toBe(200);
    // And the address opens again when its guesses leave the window.
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await login('teacher.wei', PASSWORD, guard)).statusCode).toBe(200);
  });

  it('counts an IPv6 client by its /64: changing the address inside it does not give more guesses', async () => {
    await makeTeacher('teacher.yang');
    for (let i = 1; i <= 3; i++)
      expect((await login('teacher.yang', `guess-${i}-password`, `2001:db8:5:6::${i}`)).statusCode).toBe(401);
    const same = await login('teacher.yang', PASSWORD, '2001:db8:5:6:ffff::9');
    expect(same.json().error).toBe('LOGIN_THROTTLED');
    expect((await login('teacher.yang', PASSWORD, '2001:db8:5:7::1')).statusCode).toBe(200);
  });

  it('answers for an unknown identifier exactly as for an account, at every step', async () => {
    await makeTeacher('teacher.jiang');
    const steps = ['10.6.0.1', '10.6.0.1', '10.6.0.1', '10.6.0.1', '10.6.0.2', '10.6.0.2', '10.6.0.3'];
    const answers = async (identifier: string, prefix: string) => {
      const seen: string[] = [];
      for (const from of steps) {
        const res = await login(identifier, 'not-the-password', from.replace('10.6', prefix));
        seen.push(`${res.statusCode} ${res.json().message} ${res.headers['retry-after'] ?? ''}`);
      }
      return seen;
    };
    const known = await answers('teacher.jiang', '10.7');
    const unknown = await answers('nobody.jiang', '10.8');
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.split(' ')[0])).toEqual(['401', '401', '401', '429', '401', '401', '429']);
  });

  it('caps one address at 100 failures whatever it types, known accounts included', async () => {
    // An app whose request rate limit (30 logins a minute) stays out of the way.
    const spray = await buildTestApp({ rateLimit: { max: 10_000, loginMax: 1_000, timeWindowMs: 60_000 } });
    try {
      const school = await buildSchool(spray.database.db);
      await buildMember(
        spray.database.db,
        'care_teacher',
        { school },
        { username: 'teacher.han', passwordHash: await hashPassword(PASSWORD) },
      );
      const attempt = (identifier: string, password: string, from: string) =>
        spray.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { identifier, password },
          remoteAddress: from,
        });
      const sprayer = '10.9.0.1';
      for (let i = 0; i < ADDRESS_FAILURES; i++)
        expect((await attempt(`someone.${i}`, 'Spring-2026-password', sprayer)).statusCode).toBe(401);
      for (const typed of ['teacher.han', 'someone.new']) {
        const capped = await attempt(typed, PASSWORD, sprayer);
        expect(capped.statusCode, typed).toBe(429);
        expect(capped.json().error).toBe('LOGIN_THROTTLED');
      }
      expect((await attempt('teacher.han', PASSWORD, '10.9.0.2')).statusCode).toBe(200);
    } finally {
      await spray.close();
    }
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

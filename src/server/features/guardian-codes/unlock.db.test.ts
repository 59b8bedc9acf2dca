// Issue 13.5: anyone can lock a known account (5 wrong guesses from two addresses); the locked person
// gets an unlock code from the school admin, types it on the login page, and signs in with their
// password. Who may see the list and issue codes is in the matrix (authorization-cases.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildMember, buildSchool, type SchoolRow } from '../../../../test/factories.js';
import { hashPassword } from '../auth/passwords.js';

const PASSWORD = 'Kehou-Unlock-2026!';

describe('unlock codes for locked accounts', () => {
  let t: TestApp;
  let school: SchoolRow;
  let adminUserId: string;
  let passwordHash: string;
  let phones = 0;

  beforeAll(async () => {
    t = await buildTestApp();
    passwordHash = await hashPassword(PASSWORD);
    school = await buildSchool(t.database.db);
    adminUserId = (await buildMember(t.database.db, 'school_admin', { school })).user.id;
  });
  afterAll(async () => {
    await t.close();
  });

  // A person of the school with a password and a phone of their own.
  async function person(role: 'care_teacher' | 'guardian', username: string, at = school) {
    const { user } = await buildMember(t.database.db, role, { school: at }, { username, passwordHash });
    const phone = `1360000${String(++phones).padStart(4, '0')}`;
    await t.database.pool.query('update users set phone = $1 where id = $2', [phone, user.id]);
    return { userId: user.id, username, phone };
  }
  const login = (identifier: string, password: string, from: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier, password },
      remoteAddress: from,
    });
  const unlock = (identifier: string, code: string, from: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/unlock',
      payload: { identifier, code },
      remoteAddress: from,
    });
  // A new session each time: a test moves the clock by an hour.
  const issue = async (userId: string, by?: SignedIn, at = school) =>
    (by ?? (await signIn(t, adminUserId))).request({
      method: 'POST',
      url: `/api/schools/${at.schoolId}/members/${userId}/unlock-code`,
    });
  const locked = async () =>
    (
      await (await signIn(t, adminUserId)).request({ url: `/api/schools/${school.schoolId}/locked-accounts` })
    ).json().items as {
      userId: string;
      roles: string[];
      failures: number;
      lockedUntil: string;
      secondsLeft: number;
      maskedPhone: string | null;
    }[];
  // 5 wrong passwords: 3 from one address, 2 from another (one address alone is stopped at 3).
  async function lockOut(identifier: string, prefix: string) {
    for (const from of [`${prefix}.1`, `${prefix}.1`, `${prefix}.1`, `${prefix}.2`, `${prefix}.2`])
      expect((await login(identifier, 'not-the-password', from)).statusCode).toBe(401);
  }

  it('lists the locked account for the admin, who gives an unlock code; the person unlocks and signs in with the password', async () => {
    const teacher = await person('care_teacher', 'teacher.unlock');
    const parent = await person('guardian', 'parent.unlock');
    await lockOut(teacher.username, '10.30.0');
    await lockOut(parent.phone, '10.30.1');
    expect((await login(teacher.phone, PASSWORD, '10.30.9.1')).json().error).toBe('LOGIN_LOCKED');

    const list = await locked();
    expect(list.map((l) => l.userId).sort()).toEqual([teacher.userId, parent.userId].sort());
    const teacherLine = list.find((l) => l.userId === teacher.userId);
    expect(teacherLine).toMatchObject({ roles: ['care_teacher'], failures: 5, maskedPhone: '136****0001' });
    expect(new Date(teacherLine?.lockedUntil ?? 0).getTime()).toBe(t.clock.now().getTime() + 15 * 60 * 1000);
    expect(teacherLine?.secondsLeft).toBe(15 * 60);
    expect(list.find((l) => l.userId === parent.userId)?.roles).toEqual(['guardian']);

    const issued = await issue(teacher.userId);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.headers['cache-control']).toBe('no-store');
    const { code, expiresAt } = issued.json();
    expect(code).toMatch(/^\d{4} \d{4}$/);
    expect(new Date(expiresAt).getTime()).toBe(t.clock.now().getTime() + 60 * 60 * 1000);

    // Typed with the phone as people type it, the code with its space: the lock lifts, nobody is signed in.
    const done = await unlock('136 0000 0001', code, '10.30.9.1');
    expect(done.statusCode, done.body).toBe(204);
    expect(done.headers['set-cookie']).toBeUndefined();
    expect((await locked()).map((l) => l.userId)).toEqual([parent.userId]);
    expect((await login(teacher.username, PASSWORD, '10.30.9.1')).statusCode).toBe(200);

    // Both ends audited, never with the code.
    const audit = await t.database.pool.query(
      `select action, actor_user_id, object_id, scope_school_id, details from audit_log
        where action in ('unlock_code.issue', 'auth.unlock') order by id`,
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        action: 'unlock_code.issue',
        actor_user_id: adminUserId,
        object_id: teacher.userId,
        scope_school_id: school.schoolId,
      }),
      expect.objectContaining({
        action: 'auth.unlock',
        actor_user_id: teacher.userId,
        object_id: teacher.userId,
        scope_school_id: school.schoolId,
      }),
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain(code.replace(' ', ''));
    const stored = await t.database.pool.query(`select code_hash from login_codes where user_id = $1`, [
      teacher.userId,
    ]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].code_hash).not.toContain(code.replace(' ', ''));
  });

  it('works once, for its own account, only while fresh, and never as a sign-in code', async () => {
    const teacher = await person('care_teacher', 'teacher.once');
    const other = await person('care_teacher', 'teacher.other');
    const older = (await issue(teacher.userId)).json().code;
    const code = (await issue(teacher.userId)).json().code;
    // A newer code replaces the older one.
    expect((await unlock(teacher.username, older, '10.31.0.1')).statusCode).toBe(401);
    // Not for another account, and not as a first sign-in code.
    expect((await unlock(other.username, code, '10.31.0.2')).statusCode).toBe(401);
    const asSignIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/code-login',
      payload: { phone: teacher.phone, code },
      remoteAddress: '10.31.0.3',
    });
    expect(asSignIn.statusCode).toBe(401);
    expect(asSignIn.json().error).toBe('LOGIN_CODE_INVALID');
    expect((await unlock(teacher.username, code, '10.31.0.4')).statusCode).toBe(204);
    const again = await unlock(teacher.username, code, '10.31.0.4');
    expect(again.statusCode).toBe(401);
    expect(again.json().error).toBe('UNLOCK_CODE_INVALID');

    const late = (await issue(teacher.userId)).json().code;
    t.clock.advance(60 * 60 * 1000 + 1000);
    expect((await unlock(teacher.username, late, '10.31.0.5')).statusCode).toBe(401);
    // Sign-in codes of accounts without a password are not counted as open unlock codes, nor revoked.
    const summary = await (await signIn(t, adminUserId)).request({
      url: `/api/schools/${school.schoolId}/login-codes`,
    });
    expect(summary.json().openCodes).toBe(0);
  });

  it('answers the same for an unknown account, and stops one address after 3 wrong codes without locking', async () => {
    const teacher = await person('care_teacher', 'teacher.guess');
    const code = (await issue(teacher.userId)).json().code;
    const known = await unlock(teacher.username, '1234 5678', '10.32.0.1');
    const unknown = await unlock('nobody.guess', '1234 5678', '10.32.1.1');
    expect(known.statusCode).toBe(401);
    expect(unknown.json()).toEqual(known.json());
    expect(known.json().message).toBe(
      '账号或解锁码错误，或解锁码已失效 / Wrong username, phone or unlock code, or the code is no longer valid',
    );
    for (let i = 0; i < 2; i++)
      expect((await unlock(teacher.username, `0000 000${i}`, '10.32.0.1')).statusCode).toBe(401);
    const throttled = await unlock(teacher.username, code, '10.32.0.1');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error).toBe('LOGIN_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Guessing codes elsewhere neither locks the account's unlock nor its sign-in.
    for (let i = 0; i < 3; i++) await unlock(teacher.username, `0000 100${i}`, '10.32.0.2');
    expect((await unlock(teacher.username, code, '10.32.0.3')).statusCode).toBe(204);
    expect((await login(teacher.username, PASSWORD, '10.32.0.3')).statusCode).toBe(200);
  });

  it('lifts the throttle of the address the code is typed from (a school network shared with the guesser)', async () => {
    const teacher = await person('care_teacher', 'teacher.nat');
    const schoolNetwork = '10.33.0.1';
    for (let i = 0; i < 3; i++) await login(teacher.username, `guess-${i}-password`, schoolNetwork);
    expect((await login(teacher.username, PASSWORD, schoolNetwork)).json().error).toBe('LOGIN_THROTTLED');
    const code = (await issue(teacher.userId)).json().code;
    expect((await unlock(teacher.phone, code, schoolNetwork)).statusCode).toBe(204);
    expect((await login(teacher.username, PASSWORD, schoolNetwork)).statusCode).toBe(200);
  });

  it('gives codes only for the school’s own people', async () => {
    const otherSchool = await buildSchool(t.database.db);
    const stranger = await person('care_teacher', 'teacher.stranger', otherSchool);
    const notFound = await issue(stranger.userId);
    expect(notFound.statusCode).toBe(404);
    const otherAdmin = await signIn(
      t,
      (await buildMember(t.database.db, 'school_admin', { school: otherSchool })).user.id,
    );
    const teacher = await person('care_teacher', 'teacher.own');
    expect((await issue(teacher.userId, otherAdmin)).statusCode).toBe(403);
    expect((await issue(teacher.userId, otherAdmin, otherSchool)).statusCode).toBe(404);
    const list = await otherAdmin.request({ url: `/api/schools/${school.schoolId}/locked-accounts` });
    expect(list.statusCode).toBe(403);
  });
});

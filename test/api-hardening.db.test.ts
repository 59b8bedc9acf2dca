// Bad input, CSRF, security headers, rate limiting, 5xx hiding, health, docs, setup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/domain/policy.js';
import { hashPassword } from '../src/server/features/auth/passwords.js';
import { issueSetupToken } from '../src/server/features/setup/setup.js';
import { buildTestApp, type SignedIn, signIn, type TestApp } from './app.js';
import { buildMember, buildSchool, type SchoolRow } from './factories.js';

describe('API hardening', () => {
  let t: TestApp;
  let admin: SignedIn;
  let school: SchoolRow;

  beforeAll(async () => {
    t = await buildTestApp();
    school = await buildSchool(t.database.db);
    admin = await signIn(t, (await buildMember(t.database.db, 'school_admin', { school })).user.id);
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (sql: string) => (await t.database.pool.query(sql)).rows[0].n as number;
  const usersNow = () => count('select count(*)::int as n from users');
  const patch = (payload: string | object, headers: Record<string, string> = {}) =>
    admin.request({
      method: 'PATCH',
      url: `/api/schools/${school.schoolId}`,
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    });

  describe('bad input: a clear 400 naming the field, nothing written', () => {
    it('malformed JSON', async () => {
      const res = await patch('{"teacherCount": 5,');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: 'INVALID_JSON',
        message: '请求内容不是有效的 JSON / The request body is not valid JSON',
      });
    });

    it('wrong types, naming the field in Chinese and English', async () => {
      const res = await patch({ teacherCount: 'many' });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.error).toBe('VALIDATION_FAILED');
      expect(body.message).toContain('teacherCount');
      expect(body.details.fields[0].path).toBe('body.teacherCount');
      expect(body.details.fields[0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    });

    it('unknown fields are refused, not dropped', async () => {
      const res = await patch({ teacherCount: 3, isAdmin: true });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.fields[0].path).toBe('body.isAdmin');
      const { rows } = await t.database.pool.query('select teacher_count from schools where school_id = $1', [
        school.schoolId,
      ]);
      expect(rows[0].teacher_count).not.toBe(3);
    });

    it('oversized bodies get 413', async () => {
      const res = await patch({ address: 'x'.repeat(300 * 1024) });
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toBe('PAYLOAD_TOO_LARGE');
    });

    it('a bad id in the path is a 400, not a 500', async () => {
      const res = await admin.request({ method: 'GET', url: "/api/schools/1'%20or%201=1--" });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.fields[0].path).toBe('params.schoolId');
    });

    it('a weak password is refused with its reason and no account is made', async () => {
      const before = await usersNow();
      for (const [password, reason] of [
        ['short1!', '至少 10 位'],
        ['1234567890', '常见密码'],
        ['qwertyuiop', '常见密码'],
        ['new.teacher2026', '用户名'],
      ] as const) {
        const res = await admin.request({
          method: 'POST',
          url: `/api/schools/${school.schoolId}/members`,
          payload: { username: 'new.teacher', displayName: '新老师', role: 'care_teacher', password },
        });
        expect(res.statusCode, password).toBe(400);
        expect(res.json().error).toBe('WEAK_PASSWORD');
        expect(res.json().message).toContain(reason);
      }
      expect(await usersNow()).toBe(before);
    });

    it('SQL and HTML in text fields are stored as typed and never executed', async () => {
      const name = `<script>alert(1)</script>'); drop table users; --`;
      const res = await admin.request({
        method: 'POST',
        url: `/api/schools/${school.schoolId}/members`,
        payload: {
          username: 'html.probe',
          displayName: name.slice(0, 30),
          role: 'gate_guard',
          password: 'Gate-Guard-Pass-7',
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().displayName).toBe(name.slice(0, 30));
      expect(res.headers['content-type']).toContain('application/json');
      expect(await usersNow()).toBeGreaterThan(0);
    });

    it('control characters in text are refused', async () => {
      const res = await patch({ address: 'line\u0000break' });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.fields[0].path).toBe('body.address');
    });

    it('NUL anywhere is a 400 naming the field, never a 500 (issue 13.4)', async () => {
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier: 'a\u0000', password: 'x' },
      });
      expect(login.statusCode, login.body).toBe(400);
      expect(login.json().details.fields[0].path).toBe('body.identifier');
      const code = await t.app.inject({
        method: 'POST',
        url: '/api/auth/code-login',
        payload: { phone: '1380000\u00000000', code: '12345678' },
      });
      expect(code.statusCode, code.body).toBe(400);
      expect(code.json().details.fields[0].path).toBe('body.phone');
      const bureau = await signIn(
        t,
        (await buildMember(t.database.db, 'bureau', { region: school.region })).user.id,
      );
      const note = await bureau.request({
        method: 'POST',
        url: `/api/regions/${school.regionId}/policy/versions`,
        payload: { effectiveFrom: '2027-03-01', policy: defaultPolicy('pilot-4'), note: '按\u0000省' },
      });
      expect(note.statusCode, note.body).toBe(400);
      expect(note.json().details.fields[0].path).toBe('body.note');
      // In a query string too, on a route whose schema knows nothing of it.
      const search = await admin.request({ url: `/api/schools/${school.schoolId}/students?q=a%00b` });
      expect(search.statusCode, search.body).toBe(400);
      expect(await count('select count(*)::int as n from policy_versions')).toBe(0);
    });

    it('bytes that are not UTF-8, bidi overrides and invisible-only names are refused, nothing renamed', async () => {
      const before = (
        await t.database.pool.query('select name from schools where school_id = $1', [school.schoolId])
      ).rows[0].name;
      const raw = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
      const cases: [string | Buffer, RegExp][] = [
        [raw, /UTF-8/],
        [JSON.stringify({ name: '\u202Egnp.学小' }), /文字方向|direction/],
        [JSON.stringify({ name: '\u200B\u200C\u200D' }), /可见|visible/],
        [JSON.stringify({ name: '东湖\n小学' }), /控制字符|control/],
      ];
      for (const [payload, message] of cases) {
        const res = await patch(payload);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().details.fields[0].path).toBe('body.name');
        expect(res.json().details.fields[0].message).toMatch(message);
      }
      const after = (
        await t.database.pool.query('select name from schools where school_id = $1', [school.schoolId])
      ).rows[0].name;
      expect(after).toBe(before);
      // A multi-line field keeps its line breaks.
      const leaveLike = await patch({ address: '湖滨路 18 号' });
      expect(leaveLike.statusCode, leaveLike.body).toBe(200);
    });

    it('a missing or malformed number in a query names the parameter (issue 13.13)', async () => {
      const roster = await admin.request({
        url: `/api/schools/${school.schoolId}/terms/${crypto.randomUUID()}/roster`,
      });
      expect(roster.statusCode, roster.body).toBe(400);
      expect(roster.json().details.fields[0]).toEqual({
        path: 'querystring.weekday',
        message: '缺少此参数 / This parameter is missing',
      });
      const bureau = await signIn(
        t,
        (await buildMember(t.database.db, 'bureau', { region: school.region })).user.id,
      );
      const calendar = await bureau.request({ url: `/api/regions/${school.regionId}/calendar` });
      expect(calendar.statusCode, calendar.body).toBe(400);
      expect(calendar.json().details.fields[0].path).toBe('querystring.year');
      expect(calendar.json().details.fields[0].message).toContain('缺少此参数');
      const wrong = await bureau.request({ url: `/api/regions/${school.regionId}/calendar?year=20x6` });
      expect(wrong.json().details.fields[0].message).toContain('2000 到 2099 之间的整数');
      const fine = await bureau.request({ url: `/api/regions/${school.regionId}/calendar?year=2026` });
      expect(fine.statusCode, fine.body).toBe(200);
    });

    it('a grade outside the school type is refused, naming grades', async () => {
      const res = await patch({ grades: [1, 7] });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.fields[0].path).toBe('body.grades');
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated write without the token, and with a wrong one', async () => {
      const without = await t.app.inject({
        method: 'PATCH',
        url: `/api/schools/${school.schoolId}`,
        payload: { teacherCount: 77 },
        headers: { cookie: admin.cookie },
      });
      expect(without.statusCode).toBe(403);
      expect(without.json().error).toBe('CSRF_REJECTED');
      const wrong = await patch({ teacherCount: 77 }, { 'x-csrf-token': 'forged' });
      expect(wrong.statusCode).toBe(403);
      const { rows } = await t.database.pool.query('select teacher_count from schools where school_id = $1', [
        school.schoolId,
      ]);
      expect(rows[0].teacher_count).not.toBe(77);
    });

    it('refuses a write whose Origin is another site', async () => {
      const res = await patch({ teacherCount: 78 }, { origin: 'https://evil.example', host: 'kehou.local' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toBe('CSRF_REJECTED');
    });

    it('accepts the same write with the token', async () => {
      const res = await patch({ teacherCount: 79 });
      expect(res.statusCode).toBe(200);
      expect(res.json().teacherCount).toBe(79);
    });
  });

  it('marks every API answer no-store, errors and sign-in included (issue 13.7)', async () => {
    const answers = [
      await admin.request({ url: `/api/schools/${school.schoolId}` }),
      await admin.request({
        method: 'PATCH',
        url: `/api/schools/${school.schoolId}`,
        payload: { teacherCount: 61 },
      }),
      await t.app.inject({ url: '/api/auth/session' }),
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier: 'nobody', password: 'x' },
      }),
      await t.app.inject({ url: '/api/no-such-route' }),
    ];
    for (const res of answers) expect(res.headers['cache-control'], res.raw.req.url).toContain('no-store');
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers /healthz with ok once the database answers', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves the OpenAPI document with every API route', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/auth/login', '/api/schools/{schoolId}', '/api/audit', '/api/setup'])
      expect(paths).toContain(p);
    expect((await t.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers an unknown API route with the error shape', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('ROUTE_NOT_FOUND');
  });

  it('hides internals of a 5xx', async () => {
    const broken = await buildTestApp();
    await broken.database.pool.query('alter table schools rename to schools_gone');
    const user = await hashPassword('Broken-Pass-2026');
    await broken.database.pool.query(
      `insert into users (username, display_name, password_hash) values ('x.y', 'x', $1)`,
      [user],
    );
    const actor = await signIn(broken, (await broken.database.pool.query(`select id from users`)).rows[0].id);
    const res = await actor.request({ method: 'GET', url: '/api/schools' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: 'INTERNAL',
      message:
        '服务器内部错误，请稍后再试；如持续出现请联系管理员 / Internal server error; please try again later, and tell the administrator if it persists',
    });
    expect(res.body).not.toMatch(/schools|relation|select|at .*\.ts/i);
    await broken.close();
  });

  it('rate-limits login per address', async () => {
    const limited = await buildTestApp({ rateLimit: { max: 1000, loginMax: 3, timeWindowMs: 60_000 } });
    const attempt = () =>
      limited.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier: 'a', password: 'b' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const res = await attempt();
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toBe('RATE_LIMITED');
    await limited.close();
  });

  it('counts unknown addresses towards the rate limit', async () => {
    const limited = await buildTestApp({ rateLimit: { max: 3, loginMax: 3, timeWindowMs: 60_000 } });
    for (let i = 0; i < 3; i++)
      expect((await limited.app.inject({ url: `/api/probe-${i}` })).statusCode).toBe(404);
    const res = await limited.app.inject({ url: '/api/probe-4' });
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toBe('RATE_LIMITED');
    await limited.close();
  });

  describe('one-time setup', () => {
    it('creates the first bureau administrator once, then refuses', async () => {
      const fresh = await buildTestApp();
      expect((await fresh.app.inject({ url: '/api/setup/status' })).json()).toEqual({ needed: true });
      const token = await issueSetupToken(fresh.database.db);
      const body = {
        token,
        region: { name: '示范市', code: '990100', level: 'city' },
        admin: { username: 'first.admin', displayName: '周局长', password: 'First-Admin-2026' },
      };
      const bad = await fresh.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { ...body, token: 'x'.repeat(32) },
      });
      expect(bad.statusCode).toBe(403);
      const res = await fresh.app.inject({ method: 'POST', url: '/api/setup', payload: body });
      expect(res.statusCode).toBe(201);
      expect(res.json().memberships).toEqual([
        expect.objectContaining({ role: 'bureau', regionName: '示范市' }),
      ]);
      expect(String(res.headers['set-cookie'])).toContain('kehou_sid=');
      const again = await fresh.app.inject({ method: 'POST', url: '/api/setup', payload: body });
      expect(again.statusCode).toBe(403);
      expect((await fresh.app.inject({ url: '/api/setup/status' })).json()).toEqual({ needed: false });
      await fresh.close();
    });
  });

  it('keeps the audit log append-only', async () => {
    await expect(t.database.pool.query('update audit_log set action = action')).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.pool.query('delete from audit_log')).rejects.toThrow(/append-only/);
  });
});

describe('serving the web app', () => {
  it('serves the page uncached, hashed assets for good, and a 404 for a missing asset', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-web-'));
    fs.mkdirSync(path.join(webRoot, 'assets'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>课后</title>');
    fs.writeFileSync(path.join(webRoot, 'assets', 'app-abc123.js'), 'console.log(1)');
    fs.writeFileSync(
      path.join(webRoot, 'assets', 'big-def456.js'),
      `console.log(${JSON.stringify('课后'.repeat(2000))})`,
    );
    const t = await buildTestApp({ webRoot });
    const page = await t.app.inject({ url: '/school/students' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await t.app.inject({ url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    // Phones get it compressed.
    fs.writeFileSync(
      path.join(webRoot, 'assets', 'big-def456.js'),
      `console.log(${JSON.stringify('课后'.repeat(2000))})`,
    );
    const big = await t.app.inject({ url: '/assets/big-def456.js', headers: { 'accept-encoding': 'gzip' } });
    expect(big.headers['content-encoding']).toBe('gzip');
    const missing = await t.app.inject({ url: '/assets/app-old999.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBe('NOT_FOUND');
    expect((await t.app.inject({ url: '/api/nope' })).json().error).toBe('ROUTE_NOT_FOUND');
    await t.close();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });
});

describe('compression', () => {
  it('compresses larger API answers for clients that accept it', async () => {
    const t = await buildTestApp();
    const res = await t.app.inject({ url: '/api/docs/json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    const plain = await t.app.inject({ url: '/api/docs/json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    await t.close();
  });
});

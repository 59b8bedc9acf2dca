// The server's clock as pages read it, and the demo clock that only the demo can move (issue 5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, FakeClock, signIn, type TestApp } from '../../../../test/app.js';
import { buildMember, buildSchool } from '../../../../test/factories.js';
import { DemoClock } from '../../clock.js';

describe('GET /api/clock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives the school date and time in Shanghai, not the server zone, and no demo', async () => {
    const res = await t.app.inject({ url: '/api/clock' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      now: '2026-11-30T07:30:00.000Z',
      today: '2026-11-30',
      time: '15:30',
      demo: false,
    });
    t.clock.advance(9 * 3600_000); // 00:30 the next day in Shanghai, still 16:30 UTC
    expect((await t.app.inject({ url: '/api/clock' })).json().today).toBe('2026-12-01');
  });

  it('has no demo clock control outside the demo', async () => {
    const admin = await signIn(
      t,
      (await buildMember(t.database.db, 'school_admin', { school: await buildSchool(t.database.db) })).user
        .id,
    );
    const res = await admin.request({
      method: 'PUT',
      url: '/api/demo/clock',
      payload: { date: '2026-11-27', time: '15:50' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('PUT /api/demo/clock (demo only)', () => {
  let t: TestApp;
  const real = new FakeClock(new Date('2026-11-29T04:00:00Z'));
  const demo = new DemoClock(new Date('2026-11-27T07:50:00Z'), real);
  beforeAll(async () => {
    t = await buildTestApp({ clock: demo });
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs from its start in real time, and moves for a school admin or a bureau, no one else', async () => {
    expect((await t.app.inject({ url: '/api/clock' })).json()).toMatchObject({
      today: '2026-11-27',
      time: '15:50',
      demo: true,
    });
    real.advance(10 * 60_000);
    expect((await t.app.inject({ url: '/api/clock' })).json().time).toBe('16:00');
    const payload = { date: '2026-11-26', time: '17:20' };
    const anonymous = await t.app.inject({ method: 'PUT', url: '/api/demo/clock', payload });
    expect(anonymous.statusCode).toBe(401);
    const school = await buildSchool(t.database.db);
    // The demo's other users try it out beside the one who shows it: they cannot move its clock
    // (issue 13.10). Nothing moved.
    for (const role of ['care_teacher', 'duty_chief', 'gate_guard', 'guardian'] as const) {
      const user = await signIn(t, (await buildMember(t.database.db, role, { school })).user.id);
      const refused = await user.request({ method: 'PUT', url: '/api/demo/clock', payload });
      expect(refused.statusCode, role).toBe(403);
    }
    expect((await t.app.inject({ url: '/api/clock' })).json().today).toBe('2026-11-27');
    const admin = await signIn(t, (await buildMember(t.database.db, 'school_admin', { school })).user.id);
    const moved = await admin.request({ method: 'PUT', url: '/api/demo/clock', payload });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ today: '2026-11-26', time: '17:20', demo: true });
    expect((await t.app.inject({ url: '/api/clock' })).json().today).toBe('2026-11-26');
    const bureau = await signIn(
      t,
      (await buildMember(t.database.db, 'bureau', { region: school.region })).user.id,
    );
    expect((await bureau.request({ method: 'PUT', url: '/api/demo/clock', payload })).statusCode).toBe(200);
  });

  it('signs nobody out when it moves weeks ahead: sessions follow the real time', async () => {
    const teacher = await signIn(
      t,
      (await buildMember(t.database.db, 'care_teacher', { school: await buildSchool(t.database.db) })).user
        .id,
    );
    const admin = await signIn(
      t,
      (await buildMember(t.database.db, 'school_admin', { school: await buildSchool(t.database.db) })).user
        .id,
    );
    const ahead = await admin.request({
      method: 'PUT',
      url: '/api/demo/clock',
      payload: { date: '2026-12-31', time: '16:00' },
    });
    expect(ahead.statusCode, ahead.body).toBe(200);
    const session = await teacher.request({ url: '/api/auth/session' });
    expect(session.statusCode, session.body).toBe(200);
    expect((await admin.request({ url: '/api/auth/session' })).statusCode).toBe(200);
    await admin.request({
      method: 'PUT',
      url: '/api/demo/clock',
      payload: { date: '2026-11-27', time: '15:50' },
    });
  });

  it('refuses a malformed time and a date more than a year away, and stays where it was', async () => {
    const user = await signIn(
      t,
      (await buildMember(t.database.db, 'school_admin', { school: await buildSchool(t.database.db) })).user
        .id,
    );
    const before = (await t.app.inject({ url: '/api/clock' })).json().today;
    for (const payload of [
      { date: '2026-11-26', time: '25:00' },
      { date: '2026-02-30', time: '15:00' },
      { date: '2030-01-01', time: '15:00' },
    ]) {
      const res = await user.request({ method: 'PUT', url: '/api/demo/clock', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().message).toContain(' / ');
    }
    expect((await t.app.inject({ url: '/api/clock' })).json().today).toBe(before);
  });
});

// 门卫登记 (F-17, B 六(三)) against PostgreSQL: a visitor in with a checked phone, out once, the day's
// log with those still inside first, per calendar date whatever the service calendar says.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildDayWorld, type DayWorld } from '../../../../test/daily-world.js';
import { gateVisits } from '../../../db/schema.js';

let t: TestApp;
let world: DayWorld;
let other: DayWorld;
let guard: SignedIn;
let otherGuard: SignedIn;

const url = (w: DayWorld = world) => `/api/schools/${w.school.schoolId}/gate-visits`;
const stored = async () =>
  t.database.db.select().from(gateVisits).where(eq(gateVisits.schoolId, world.school.schoolId));

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildDayWorld(t.database.db, { groups: 1, perGroup: 1 });
  other = await buildDayWorld(t.database.db, { groups: 1, perGroup: 1 });
  guard = await signIn(t, world.users.gateGuard);
  otherGuard = await signIn(t, other.users.gateGuard);
});
afterAll(async () => {
  await t?.close();
});

describe('visitors in and out', () => {
  let first = '';
  it('registers a visitor: text trimmed, the phone in its stored form, in now by the guard', async () => {
    const res = await guard.request({
      method: 'POST',
      url: url(),
      payload: {
        visitorName: '  张师傅 ',
        phone: '+86 139-0013 8000',
        organisation: '自来水公司',
        purpose: '维修',
        host: '总务处 王老师',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const visit = res.json();
    expect(visit).toMatchObject({
      visitDate: '2026-11-30',
      visitorName: '张师傅',
      phone: '13900138000',
      organisation: '自来水公司',
      purpose: '维修',
      host: '总务处 王老师',
      inAt: '2026-11-30T07:30:00.000Z',
      outAt: null,
      outBy: null,
      inBy: { userId: world.users.gateGuard },
    });
    first = visit.visitId;
  });

  it('refuses a phone that is not a mobile, a missing purpose and an over-long name; nothing stored', async () => {
    const before = (await stored()).length;
    const bad = [
      { visitorName: '李四', phone: '12345', purpose: '来访', host: '校长' },
      { visitorName: '李四', purpose: '  ', host: '校长' },
      { visitorName: '李'.repeat(41), purpose: '来访', host: '校长' },
      { visitorName: '李四', purpose: '来访' },
    ];
    for (const payload of bad) {
      const res = await guard.request({ method: 'POST', url: url(), payload });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().message).toContain(' / ');
    }
    const phone = await guard.request({ method: 'POST', url: url(), payload: bad[0] });
    expect(phone.json().details.fields).toEqual([expect.objectContaining({ path: 'body.phone' })]);
    expect((await stored()).length).toBe(before);
  });

  it('lists those still inside first, then those who left', async () => {
    const second = (
      await guard.request({
        method: 'POST',
        url: url(),
        payload: { visitorName: '快递员', phone: '', purpose: '送物品', host: '一(2)班 陈老师' },
      })
    ).json();
    expect(second.phone).toBeNull();
    t.clock.advance(10 * 60_000);
    const out = await guard.request({ method: 'POST', url: `${url()}/${first}/leave` });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({
      outAt: '2026-11-30T07:40:00.000Z',
      outBy: { userId: world.users.gateGuard },
    });
    const list = (await guard.request({ method: 'GET', url: url() })).json();
    expect(list).toMatchObject({ date: '2026-11-30', inside: 1 });
    expect(list.visits.map((v: { visitorName: string }) => v.visitorName)).toEqual(['快递员', '张师傅']);
  });

  it('signs a visitor out once: a second time is refused with when it was done', async () => {
    const res = await guard.request({ method: 'POST', url: `${url()}/${first}/leave` });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: 'VISITOR_ALREADY_LEFT',
      details: { outAt: '2026-11-30T07:40:00.000Z' },
    });
  });

  it('keeps schools apart: another school’s visit is not found here, and its guard is refused here', async () => {
    const theirs = (
      await otherGuard.request({
        method: 'POST',
        url: url(other),
        payload: { visitorName: '家长', purpose: '接孩子', host: '班主任' },
      })
    ).json();
    const viaOwn = await guard.request({ method: 'POST', url: `${url()}/${theirs.visitId}/leave` });
    expect(viaOwn.statusCode).toBe(404);
    const theirSchool = await guard.request({ method: 'POST', url: `${url(other)}/${theirs.visitId}/leave` });
    expect(theirSchool.statusCode).toBe(403);
    expect((await otherGuard.request({ method: 'GET', url: url() })).statusCode).toBe(403);
    const unknown = await guard.request({
      method: 'POST',
      url: `${url()}/00000000-0000-4000-8000-000000000000/leave`,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('works on any calendar date (a Sunday, no service) and lists each date on its own', async () => {
    t.clock.advance(Date.parse('2026-12-06T02:00:00Z') - t.clock.now().getTime());
    guard = await signIn(t, world.users.gateGuard);
    const res = await guard.request({
      method: 'POST',
      url: url(),
      payload: { visitorName: '维修工', purpose: '维修', host: '总务处' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().visitDate).toBe('2026-12-06');
    const today = (await guard.request({ method: 'GET', url: url() })).json();
    expect(today).toMatchObject({ date: '2026-12-06', inside: 1 });
    expect(today.visits.map((v: { visitorName: string }) => v.visitorName)).toEqual(['维修工']);
    const monday = (await guard.request({ method: 'GET', url: `${url()}?date=2026-11-30` })).json();
    expect(monday.visits).toHaveLength(2);
    const empty = (await guard.request({ method: 'GET', url: `${url()}?date=2026-11-29` })).json();
    expect(empty).toEqual({ date: '2026-11-29', inside: 0, visits: [] });
    expect((await guard.request({ method: 'GET', url: `${url()}?date=2026-11-31` })).statusCode).toBe(400);
  });
});

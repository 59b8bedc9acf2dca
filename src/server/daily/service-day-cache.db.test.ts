// The school schedules behind `loadServiceDay` are cached per process; a change through the API to
// what makes a day a service day (here a no-service day) is seen by the very next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../../../test/app.js';
import { buildDayWorld, type DayWorld } from '../../../test/daily-world.js';

describe('service-day schedule cache', () => {
  let t: TestApp;
  let world: DayWorld;
  beforeAll(async () => {
    t = await buildTestApp();
    world = await buildDayWorld(t.database.db, { groups: 1, perGroup: 2 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('forgets a school day as soon as the school sets it as a no-service day, and back', async () => {
    const admin = await signIn(t, world.users.admin);
    const rollCall = (date: string) =>
      admin.request({ method: 'GET', url: `/api/schools/${world.school.schoolId}/days/${date}/roll-call` });
    expect((await rollCall('2026-12-01')).statusCode).toBe(200);
    const set = await admin.request({
      method: 'PUT',
      url: `/api/schools/${world.school.schoolId}/no-service-days/2026-12-01`,
      payload: { reason: '运动会' },
    });
    expect(set.statusCode, set.body).toBe(200);
    const refused = await rollCall('2026-12-01');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'NOT_A_SERVICE_DAY' });
    expect(refused.json().message).toContain('运动会');
    const removed = await admin.request({
      method: 'DELETE',
      url: `/api/schools/${world.school.schoolId}/no-service-days/2026-12-01`,
    });
    expect(removed.statusCode, removed.body).toBeLessThan(300);
    expect((await rollCall('2026-12-01')).statusCode).toBe(200);
  });
});

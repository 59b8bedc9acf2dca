import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import {
  buildMember,
  buildRegion,
  buildSchool,
  type RegionRow,
  type SchoolRow,
} from '../../../../test/factories.js';

describe('terms and the unified start date (B 六(五))', () => {
  let t: TestApp;
  let city: RegionRow;
  let county: RegionRow;
  let school: SchoolRow;
  let cityBureau: SignedIn;
  let countyBureau: SignedIn;
  let teacher: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    city = await buildRegion(db, { level: 'city' });
    county = await buildRegion(db, { parent: city });
    school = await buildSchool(db, { region: county });
    cityBureau = await signIn(t, (await buildMember(db, 'bureau', { region: city })).user.id);
    countyBureau = await signIn(t, (await buildMember(db, 'bureau', { region: county })).user.id);
    teacher = await signIn(t, (await buildMember(db, 'care_teacher', { school })).user.id);
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (who: SignedIn, regionId: string, payload: object) =>
    who.request({ method: 'POST', url: `/api/regions/${regionId}/terms`, payload });
  const termCount = async () =>
    (await t.database.pool.query('select count(*)::int as n from terms')).rows[0].n as number;

  it('creates a city term that its counties and schools use', async () => {
    const res = await create(cityBureau, city.id, {
      code: '2026-2027-1',
      name: '2026–2027学年第一学期',
      firstDay: '2026-09-01',
      lastDay: '2027-01-22',
      unifiedStartDate: '2026-09-07',
    });
    expect(res.statusCode, res.body).toBe(201);
    const forSchool = await teacher.request({ method: 'GET', url: `/api/schools/${school.schoolId}/terms` });
    expect(forSchool.json().items.map((x: { code: string }) => x.code)).toEqual(['2026-2027-1']);
    const forCounty = await countyBureau.request({ method: 'GET', url: `/api/regions/${county.id}/terms` });
    expect(forCounty.json().items[0].unifiedStartDate).toBe('2026-09-07');
  });

  it('moves the unified start date, within the term only', async () => {
    const termId = (
      await teacher.request({ method: 'GET', url: `/api/schools/${school.schoolId}/terms` })
    ).json().items[0].id;
    const moved = await cityBureau.request({
      method: 'PATCH',
      url: `/api/terms/${termId}`,
      payload: { unifiedStartDate: '2026-09-14' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().unifiedStartDate).toBe('2026-09-14');
    const outside = await cityBureau.request({
      method: 'PATCH',
      url: `/api/terms/${termId}`,
      payload: { unifiedStartDate: '2027-02-01' },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details.fields[0].path).toBe('body.unifiedStartDate');
    // The county bureau does not move its city's date.
    expect(
      (
        await countyBureau.request({
          method: 'PATCH',
          url: `/api/terms/${termId}`,
          payload: { unifiedStartDate: '2026-09-21' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses bad terms naming the field, and saves nothing', async () => {
    const before = await termCount();
    const cases: [object, string][] = [
      [{ code: '2026-1', name: 'x', firstDay: '2026-09-01', lastDay: '2027-01-22' }, 'body.code'],
      [{ code: '2027-2028-1', name: 'x', firstDay: '2027-09-01', lastDay: '2027-08-01' }, 'body.lastDay'],
      [{ code: '2027-2028-1', name: 'x', firstDay: '2027-09-01', lastDay: '2028-07-01' }, 'body.lastDay'],
      [{ code: '2027-2028-1', name: 'x', firstDay: '2027-02-30', lastDay: '2027-07-01' }, 'body.firstDay'],
      [{ code: '2026-2027-1', name: '重复', firstDay: '2026-09-01', lastDay: '2027-01-22' }, 'body.code'],
    ];
    for (const [payload, field] of cases) {
      const res = await create(cityBureau, city.id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().details.fields[0].path).toBe(field);
    }
    expect(await termCount()).toBe(before);
  });
});

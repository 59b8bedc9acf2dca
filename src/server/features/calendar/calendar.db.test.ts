import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildMember, buildRegion, type RegionRow } from '../../../../test/factories.js';
import { applicableCalendarOverrides } from './use-cases.js';

describe('region calendar entries (F-04)', () => {
  let t: TestApp;
  let city: RegionRow;
  let county: RegionRow;
  let cityBureau: SignedIn;
  let countyBureau: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    city = await buildRegion(db, { level: 'city' });
    county = await buildRegion(db, { parent: city });
    cityBureau = await signIn(t, (await buildMember(db, 'bureau', { region: city })).user.id);
    countyBureau = await signIn(t, (await buildMember(db, 'bureau', { region: county })).user.id);
  });
  afterAll(async () => {
    await t.close();
  });

  const put = (who: SignedIn, regionId: string, date: string, payload: object) =>
    who.request({ method: 'PUT', url: `/api/regions/${regionId}/calendar/${date}`, payload });

  it('proposes the statutory holidays of a year the package lacks, until the region confirms them', async () => {
    const res = await countyBureau.request({
      method: 'GET',
      url: `/api/regions/${county.id}/calendar?year=2027`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.packageCoversYear).toBe(false);
    const dates = body.provisional.map((h: { date: string }) => h.date);
    expect(dates).toContain('2027-02-05'); // 除夕
    expect(dates).toContain('2027-10-01');
    expect(body.provisional.every((h: { confirmed: boolean }) => !h.confirmed)).toBe(true);

    expect(
      (await put(cityBureau, city.id, '2027-02-05', { kind: 'holiday', name: '春节', confirmed: true }))
        .statusCode,
    ).toBe(200);
    const after = (
      await countyBureau.request({ method: 'GET', url: `/api/regions/${county.id}/calendar?year=2027` })
    ).json();
    expect(after.provisional.find((h: { date: string }) => h.date === '2027-02-05').confirmed).toBe(true);
    expect(after.overrides).toEqual([
      { date: '2027-02-05', kind: 'holiday', name: '春节', confirmed: true, inherited: true },
    ]);
  });

  it('lists the official holidays and make-up working days of a year the package covers', async () => {
    const res = await countyBureau.request({
      method: 'GET',
      url: `/api/regions/${county.id}/calendar?year=2026`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.packageCoversYear).toBe(true);
    expect(body.provisional).toEqual([]);
    const official = body.official as { date: string; kind: string; name: string; source: string }[];
    expect(official.find((d) => d.date === '2026-10-01')).toEqual({
      date: '2026-10-01',
      kind: 'holiday',
      name: '国庆节',
      source: 'package',
    });
    expect(official.find((d) => d.date === '2026-02-14')).toEqual({
      date: '2026-02-14',
      kind: 'makeup_workday',
      name: '春节',
      source: 'package',
    });
    expect(official.filter((d) => d.kind === 'makeup_workday').map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(official.every((d) => d.date.startsWith('2026-'))).toBe(true);

    const lacking = (
      await countyBureau.request({ method: 'GET', url: `/api/regions/${county.id}/calendar?year=2027` })
    ).json();
    expect(lacking.official).toEqual([]);
  });

  it('lets a county entry win over its city’s for the same date', async () => {
    await put(cityBureau, city.id, '2027-02-20', { kind: 'makeup_workday', name: '春节调休' });
    await put(countyBureau, county.id, '2027-02-20', { kind: 'holiday', name: '县里放假' });
    const entries = await applicableCalendarOverrides(t.database.db, `${city.id}/${county.id}`);
    expect(entries.find((e) => e.date === '2027-02-20')).toEqual({
      date: '2027-02-20',
      kind: 'holiday',
      name: '县里放假',
      confirmed: true,
    });
  });

  it('never makes a statutory holiday a working day', async () => {
    const res = await put(countyBureau, county.id, '2026-10-01', { kind: 'makeup_workday', name: '错误' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0].path).toBe('body.kind');
    const none = await t.database.pool.query(
      `select count(*)::int as n from calendar_overrides where date = '2026-10-01'`,
    );
    expect(none.rows[0].n).toBe(0);
  });

  it('refuses a date that does not exist, and removes an entry', async () => {
    expect(
      (await put(countyBureau, county.id, '2027-02-30', { kind: 'holiday', name: 'x' })).statusCode,
    ).toBe(400);
    const del = await countyBureau.request({
      method: 'DELETE',
      url: `/api/regions/${county.id}/calendar/2027-02-20`,
    });
    expect(del.statusCode).toBe(204);
    const again = await countyBureau.request({
      method: 'DELETE',
      url: `/api/regions/${county.id}/calendar/2027-02-20`,
    });
    expect(again.statusCode).toBe(404);
  });
});

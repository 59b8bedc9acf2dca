import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildMember, buildRegion, buildSchool, type RegionRow } from '../../../../test/factories.js';
import { defaultPolicy } from '../../../domain/policy.js';

describe('region policy (F-01 一县一策)', () => {
  let t: TestApp;
  let city: RegionRow;
  let county: RegionRow;
  let otherCounty: RegionRow;
  let cityBureau: SignedIn;
  let countyBureau: SignedIn;
  let otherBureau: SignedIn;
  let schoolAdmin: SignedIn;
  let teacher: SignedIn;
  const ids: Record<string, string> = {};
  // Sessions end after 30 idle minutes: after moving the clock on, everyone signs in again.
  async function signInAgain() {
    cityBureau = await signIn(t, ids.cityBureau as string);
    countyBureau = await signIn(t, ids.countyBureau as string);
    otherBureau = await signIn(t, ids.otherBureau as string);
    schoolAdmin = await signIn(t, ids.schoolAdmin as string);
    teacher = await signIn(t, ids.teacher as string);
  }

  beforeAll(async () => {
    t = await buildTestApp(); // today is 2026-11-30 in Shanghai
    const db = t.database.db;
    city = await buildRegion(db, { level: 'city' });
    county = await buildRegion(db, { parent: city });
    otherCounty = await buildRegion(db, { parent: await buildRegion(db, { level: 'city' }) });
    const school = await buildSchool(db, { region: county });
    ids.cityBureau = (await buildMember(db, 'bureau', { region: city })).user.id;
    ids.countyBureau = (await buildMember(db, 'bureau', { region: county })).user.id;
    ids.otherBureau = (await buildMember(db, 'bureau', { region: otherCounty })).user.id;
    ids.schoolAdmin = (await buildMember(db, 'school_admin', { school })).user.id;
    ids.teacher = (await buildMember(db, 'care_teacher', { school })).user.id;
    await signInAgain();
  });
  afterAll(async () => {
    await t.close();
  });

  const publish = (who: SignedIn, regionId: string, payload: object) =>
    who.request({ method: 'POST', url: `/api/regions/${regionId}/policy/versions`, payload });
  const read = (who: SignedIn, regionId: string) =>
    who.request({ method: 'GET', url: `/api/regions/${regionId}/policy` });
  const versionsOf = async (regionId: string) =>
    (
      await t.database.pool.query('select count(*)::int as n from policy_versions where region_id = $1', [
        regionId,
      ])
    ).rows[0].n as number;

  it('starts with no versions and offers the seeds’ defaults for both models', async () => {
    const res = await read(countyBureau, county.id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.versions).toEqual([]);
    expect(body.inForce).toBeNull();
    expect(body.defaults['pilot-4'].endTimes).toEqual({ summer: '18:00', other: '17:30' });
    expect(body.defaults['5+2'].daysPerWeek).toBe(5);
    expect(body.defaults['5+2'].feePerClassHourFen).toBe(5000);
  });

  it('lets a city policy hold for its counties until a county sets its own', async () => {
    const res = await publish(cityBureau, city.id, {
      effectiveFrom: '2026-11-30',
      policy: defaultPolicy('pilot-4'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().version).toBe(1);
    const inheritedRes = await read(countyBureau, county.id);
    expect(inheritedRes.statusCode, inheritedRes.body).toBe(200);
    const inherited = inheritedRes.json();
    expect(inherited.sourceRegionId).toBe(city.id);
    expect(inherited.inForce.policy.model).toBe('pilot-4');

    const own = await publish(countyBureau, county.id, {
      effectiveFrom: '2026-12-01',
      policy: defaultPolicy('5+2'),
      note: '按省“5+2”模式',
    });
    expect(own.statusCode).toBe(201);
    const body = (await read(countyBureau, county.id)).json();
    expect(body.sourceRegionId).toBe(county.id);
    // Takes effect tomorrow: nothing of the county's is in force today.
    expect(body.inForce).toBeNull();
    t.clock.advance(24 * 3600 * 1000);
    await signInAgain();
    expect((await read(countyBureau, county.id)).json().inForce.policy.model).toBe('5+2');
  });

  it('lists what a new version changed from the previous one', async () => {
    const policy = defaultPolicy('5+2');
    policy.offWorkTimes = { summer: '17:30', other: '17:00' };
    policy.pickupGraceMinutes = 20;
    const res = await publish(countyBureau, county.id, { effectiveFrom: '2027-02-01', policy });
    expect(res.statusCode).toBe(201);
    expect(res.json().version).toBe(2);
    expect(res.json().changes.map((c: { field: string }) => c.field)).toEqual([
      'offWorkTimes.other',
      'pickupGraceMinutes',
    ]);
  });

  it('refuses a ratio of 0 naming the field, and saves nothing', async () => {
    const before = await versionsOf(county.id);
    const policy = defaultPolicy('5+2');
    policy.staffing.studentsPerTeacher = 0;
    const res = await publish(countyBureau, county.id, { effectiveFrom: '2027-03-01', policy });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0].path).toBe('body.policy.staffing.studentsPerTeacher');
    expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    expect(await versionsOf(county.id)).toBe(before);
  });

  it('refuses unknown categories, dropping a forbidden kind, a date in the past', async () => {
    const unknown = { ...defaultPolicy('5+2'), activityCategories: ['reading', 'chess_gambling'] };
    expect(
      (await publish(countyBureau, county.id, { effectiveFrom: '2027-03-01', policy: unknown })).json()
        .details.fields[0].path,
    ).toBe('body.policy.activityCategories.1');
    const lax = { ...defaultPolicy('5+2'), forbiddenKinds: ['collective_tutoring'] };
    const laxRes = await publish(countyBureau, county.id, { effectiveFrom: '2027-03-01', policy: lax });
    expect(laxRes.statusCode).toBe(400);
    expect(laxRes.json().details.fields[0].path).toBe('body.policy.forbiddenKinds');
    const past = await publish(countyBureau, county.id, {
      effectiveFrom: '2026-09-01',
      policy: defaultPolicy('5+2'),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().details.fields[0].path).toBe('body.effectiveFrom');
    const extra = await publish(countyBureau, county.id, {
      effectiveFrom: '2027-03-01',
      policy: { ...defaultPolicy('5+2'), secretField: 1 },
    });
    expect(extra.statusCode).toBe(400);
  });

  it('lets the school admin read its policy but not write it; others are refused', async () => {
    expect((await read(schoolAdmin, county.id)).statusCode).toBe(200);
    expect((await read(schoolAdmin, city.id)).statusCode).toBe(200);
    expect((await read(schoolAdmin, otherCounty.id)).statusCode).toBe(403);
    expect(
      (await publish(schoolAdmin, county.id, { effectiveFrom: '2027-05-01', policy: defaultPolicy('5+2') }))
        .statusCode,
    ).toBe(403);
    expect((await read(teacher, county.id)).statusCode).toBe(403);
    expect((await read(otherBureau, county.id)).statusCode).toBe(403);
    expect(
      (await publish(otherBureau, county.id, { effectiveFrom: '2027-05-01', policy: defaultPolicy('5+2') }))
        .statusCode,
    ).toBe(403);
    // A county bureau cannot set its city's policy.
    expect(
      (await publish(countyBureau, city.id, { effectiveFrom: '2027-05-01', policy: defaultPolicy('5+2') }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: `/api/regions/${county.id}/policy` })).statusCode).toBe(401);
  });

  it('records each version in the audit log', async () => {
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'policy.create_version' and scope_region_id = $1`,
      [county.id],
    );
    expect(rows[0].n).toBe(2);
  });

  it('saves the weekly limit and the make-up rule; refuses bad values in both languages; an old row reads with the defaults (issue 14.6, 14.17)', async () => {
    const before = await versionsOf(county.id);
    const tooLow = { ...defaultPolicy('5+2'), staffWeeklyLimitMinutes: 30 };
    const low = await publish(countyBureau, county.id, { effectiveFrom: '2027-03-01', policy: tooLow });
    expect(low.statusCode).toBe(400);
    expect(low.json().details.fields[0].path).toBe('body.policy.staffWeeklyLimitMinutes');
    expect(low.json().message).toContain('每人每周服务时长上限');
    expect(low.json().message).toContain('Service a week per person');
    const unknownRule = {
      ...defaultPolicy('5+2'),
      makeUpWorkdays: { rule: 'sometimes', byDefault: 'served' },
    };
    const rule = await publish(countyBureau, county.id, { effectiveFrom: '2027-03-01', policy: unknownRule });
    expect(rule.statusCode).toBe(400);
    expect(rule.json().details.fields[0].path).toBe('body.policy.makeUpWorkdays.rule');
    const missing = { ...defaultPolicy('5+2') } as Partial<ReturnType<typeof defaultPolicy>>;
    delete missing.makeUpWorkdays;
    expect(
      (await publish(countyBureau, county.id, { effectiveFrom: '2027-03-01', policy: missing })).statusCode,
    ).toBe(400);
    expect(await versionsOf(county.id)).toBe(before);

    const own = {
      ...defaultPolicy('5+2'),
      // As version 2, with the two fields changed.
      offWorkTimes: { summer: '17:30', other: '17:00' },
      pickupGraceMinutes: 20,
      staffWeeklyLimitMinutes: 600,
      makeUpWorkdays: { rule: 'plan_chooses', byDefault: 'not_served' },
    };
    const saved = await publish(countyBureau, county.id, { effectiveFrom: '2027-03-01', policy: own });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().changes.map((c: { field: string }) => c.field)).toEqual([
      'staffWeeklyLimitMinutes',
      'makeUpWorkdays.rule',
      'makeUpWorkdays.byDefault',
    ]);

    // A row written before the fields existed (JSONB without them) reads with its model's defaults.
    await t.database.pool.query(
      `update policy_versions set policy = policy - 'staffWeeklyLimitMinutes' - 'makeUpWorkdays'
        where region_id = $1 and version = 1`,
      [county.id],
    );
    const body = (await read(countyBureau, county.id)).json();
    const first = body.versions.find((v: { version: number }) => v.version === 1);
    expect(first.policy.staffWeeklyLimitMinutes).toBe(480);
    expect(first.policy.makeUpWorkdays).toEqual({ rule: 'served', byDefault: 'served' });
  });
});

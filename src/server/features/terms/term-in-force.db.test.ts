// The term in force on a date (issue 13.1): a county that publishes next year's term early must not
// stop its schools' gates this year. The term of a date is the one whose dates contain it, searched
// from the school's county up (domain/terms.ts); one region's terms never overlap.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { buildMember, buildRegion, buildSchool, type RegionRow } from '../../../../test/factories.js';
import { regions, terms } from '../../../db/schema.js';

let t: TestApp;
let world: DayWorld;
let city: RegionRow;
let countyBureau: SignedIn;
let cityBureau: SignedIn;
let teacher: SignedIn;
let gate: SignedIn;

const day = () => `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}`;
const child = (i: number) => world.children[i] as DayWorld['children'][number];
// Each term as its code and whose it is.
const termsOf = async (who: SignedIn, schoolId: string) =>
  (await who.request({ method: 'GET', url: `/api/schools/${schoolId}/terms` }))
    .json()
    .items.map(
      (x: { code: string; regionId: string }) => `${x.code} ${x.regionId === city.id ? 'city' : 'county'}`,
    );

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  world = await buildDayWorld(db, { groups: 1, perGroup: 3 });
  // The world's term becomes its city's: the county has none of its own yet.
  const [county] = await db.select().from(regions).where(eq(regions.id, world.school.regionId));
  const [parent] = await db
    .select()
    .from(regions)
    .where(eq(regions.id, county?.parentId ?? ''));
  if (!county || !parent) throw new Error('no county or city');
  city = parent;
  await db
    .update(terms)
    .set({ regionId: city.id, code: '2026-2027-1' })
    .where(eq(terms.termId, world.termId));
  countyBureau = await signIn(t, (await buildMember(db, 'bureau', { region: world.school.region })).user.id);
  cityBureau = await signIn(t, (await buildMember(db, 'bureau', { region: city })).user.id);
  teacher = await signIn(t, world.users.teachers[0] as string);
  gate = await signIn(t, world.users.gateGuard);
});
afterAll(async () => {
  await t?.close();
});

const createTerm = (who: SignedIn, regionId: string, code: string, firstDay: string, lastDay: string) =>
  who.request({
    method: 'POST',
    url: `/api/regions/${regionId}/terms`,
    payload: { code, name: `${code} 学期`, firstDay, lastDay, unifiedStartDate: null },
  });

describe('the term in force on a date', () => {
  it('keeps today’s roll call, pickup code and release when the county publishes next year’s term', async () => {
    const next = await createTerm(
      countyBureau,
      world.school.regionId,
      '2027-2028-1',
      '2027-09-01',
      '2028-01-20',
    );
    expect(next.statusCode, next.body).toBe(201);
    expect(await termsOf(teacher, world.school.schoolId)).toEqual(['2026-2027-1 city', '2027-2028-1 county']);

    const marks = await teacher.request({
      method: 'POST',
      url: `${day()}/marks`,
      payload: {
        marks: world.children.map((c) => ({
          id: randomUUID(),
          studentId: c.studentId,
          mark: 'present',
          basedOn: null,
          at: '2026-11-30T07:31:00.000Z',
          deviceId: 'phone-1',
        })),
      },
    });
    expect(marks.statusCode, marks.body).toBeLessThan(300);
    const guardian = await signIn(t, child(1).guardianUserId);
    const code = await guardian.request({
      method: 'GET',
      url: `/api/schools/${world.school.schoolId}/students/${child(1).studentId}/pickup-code`,
    });
    expect(code.statusCode, code.body).toBe(200);
    expect(code.json().code).toMatch(/^\d{6}$/);
    const release = await gate.request({
      method: 'POST',
      url: `${day()}/releases`,
      payload: {
        deviceId: 'gate-1',
        studentId: child(1).studentId,
        method: 'pickup_code',
        code: code.json().code,
        pickupPersonId: child(1).pickupPersonId,
        confirmEarly: true,
      },
    });
    expect(release.statusCode, release.body).toBe(201);
  });

  it('refuses a second term of one region that shares a date with the first, naming it', async () => {
    const overlapping = await createTerm(
      countyBureau,
      world.school.regionId,
      '2027-2028-2',
      '2028-01-20',
      '2028-07-10',
    );
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.json().message).toContain('2027-2028-1 学期');
    expect(overlapping.json().details.overlaps).toMatchObject({ code: '2027-2028-1', lastDay: '2028-01-20' });
    // Moving a term onto another is refused the same way; the day after is fine.
    const spring = await createTerm(
      countyBureau,
      world.school.regionId,
      '2027-2028-2',
      '2028-01-21',
      '2028-07-10',
    );
    expect(spring.statusCode, spring.body).toBe(201);
    const moved = await countyBureau.request({
      method: 'PATCH',
      url: `/api/terms/${spring.json().id}`,
      payload: { firstDay: '2028-01-15' },
    });
    expect(moved.statusCode).toBe(400);
    expect(await t.database.pool.query('select count(*)::int as n from terms')).toMatchObject({
      rows: [{ n: 3 }],
    });
  });

  it('lets a county term for this year’s dates replace the city’s, for the county’s schools only', async () => {
    const db = t.database.db;
    const sibling = await buildRegion(db, { parent: city });
    const siblingSchool = await buildSchool(db, { region: sibling });
    const siblingAdmin = await signIn(
      t,
      (await buildMember(db, 'school_admin', { school: siblingSchool })).user.id,
    );
    const own = await createTerm(
      countyBureau,
      world.school.regionId,
      '2026-2027-1',
      '2026-08-31',
      '2027-01-15',
    );
    expect(own.statusCode, own.body).toBe(201);
    expect(await termsOf(teacher, world.school.schoolId)).toEqual([
      '2026-2027-1 county',
      '2027-2028-1 county',
      '2027-2028-2 county',
    ]);
    expect(await termsOf(siblingAdmin, siblingSchool.schoolId)).toEqual(['2026-2027-1 city']);
    const cityTerms = await cityBureau.request({ method: 'GET', url: `/api/regions/${city.id}/terms` });
    expect(cityTerms.json().items.map((x: { code: string }) => x.code)).toEqual(['2026-2027-1']);
  });
});

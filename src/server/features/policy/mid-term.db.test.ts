// A county that joins in the middle of a term (issue 13.12): its policy versions take effect today or
// later, so its first one used to leave the term's first day without a policy, and every plan for the
// term answered "the region has not published its policy". A region's FIRST version, or one its parent
// bureau publishes, may take effect from the first day of the term in force (domain/policy.ts
// earliestEffectiveDate), audited; the error names the date that lacks a policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import {
  buildMember,
  buildPolicyVersion,
  buildRegion,
  buildSchool,
  buildTerm,
  type RegionRow,
  type SchoolRow,
} from '../../../../test/factories.js';
import { defaultPolicy } from '../../../domain/policy.js';

describe('a county that joins mid-term (today 2026-11-30, the term from 2026-09-01)', () => {
  let t: TestApp;
  let city: RegionRow;
  let termId: string;
  const county: Record<
    'early' | 'late',
    { region: RegionRow; school: SchoolRow; bureau: SignedIn; admin: SignedIn }
  > = {} as never;
  let cityBureau: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    city = await buildRegion(db, { level: 'city' });
    termId = (await buildTerm(db, city)).termId;
    await buildPolicyVersion(db, city, { model: 'pilot-4', effectiveFrom: '2026-08-01' });
    cityBureau = await signIn(t, (await buildMember(db, 'bureau', { region: city })).user.id);
    for (const which of ['early', 'late'] as const) {
      const region = await buildRegion(db, { parent: city });
      const school = await buildSchool(db, { region });
      county[which] = {
        region,
        school,
        bureau: await signIn(t, (await buildMember(db, 'bureau', { region })).user.id),
        admin: await signIn(t, (await buildMember(db, 'school_admin', { school })).user.id),
      };
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const publish = (who: SignedIn, region: RegionRow, effectiveFrom: string) =>
    who.request({
      method: 'POST',
      url: `/api/regions/${region.id}/policy/versions`,
      payload: { effectiveFrom, policy: defaultPolicy('5+2'), note: '本县加入' },
    });
  const createPlan = (which: 'early' | 'late') =>
    county[which].admin.request({
      method: 'POST',
      url: `/api/schools/${county[which].school.schoolId}/plans`,
      payload: { termId },
    });

  it('takes a county’s first version from the first day of the term in force, audited', async () => {
    const before = await publish(county.early.bureau, county.early.region, '2026-08-31');
    expect(before.statusCode).toBe(400);
    expect(before.json().details.earliest).toBe('2026-09-01');
    expect(before.json().message).toContain('本学期第一天');
    const first = await publish(county.early.bureau, county.early.region, '2026-09-01');
    expect(first.statusCode, first.body).toBe(201);
    const plan = await createPlan('early');
    expect(plan.statusCode, plan.body).toBe(201);
    const audit = await t.database.pool.query(
      `select details from audit_log where action = 'policy.create_version' and scope_region_id = $1`,
      [county.early.region.id],
    );
    expect(audit.rows[0]?.details.backdated).toEqual({
      from: '2026-09-01',
      publishedOn: '2026-11-30',
      firstOwnVersion: true,
      byParentBureau: false,
    });
  });

  it('keeps later versions of the county from today on', async () => {
    const second = await publish(county.early.bureau, county.early.region, '2026-10-01');
    expect(second.statusCode).toBe(400);
    expect(second.json().details.earliest).toBe('2026-11-30');
    expect(second.json().message).toContain('不能早于今天');
  });

  it('names the day without a policy, and lets the parent bureau date a version from the term’s start', async () => {
    // The county's own first version from today leaves the term's first day without one.
    const fromToday = await publish(county.late.bureau, county.late.region, '2026-11-30');
    expect(fromToday.statusCode, fromToday.body).toBe(201);
    const refused = await createPlan('late');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('NO_POLICY_IN_FORCE');
    expect(refused.json().details.date).toBe('2026-09-01');
    expect(refused.json().message).toContain('2026年9月1日');
    expect(refused.json().message).toContain('2026-09-01');
    // The county may not date its second version back; the city, its parent bureau, may.
    expect((await publish(county.late.bureau, county.late.region, '2026-09-01')).statusCode).toBe(400);
    const byCity = await publish(cityBureau, county.late.region, '2026-09-01');
    expect(byCity.statusCode, byCity.body).toBe(201);
    const plan = await createPlan('late');
    expect(plan.statusCode, plan.body).toBe(201);
  });
});

// The bureau cannot approve a plan that fails the compliance check now, though it passed when it was
// submitted (a responsibility letter lapsed in between, A 三.1): it returns it instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../../../../test/app.js';
import {
  buildMember,
  buildPlan,
  buildPolicyVersion,
  buildRegion,
  buildSchool,
  buildTerm,
  sampleTermPlan,
} from '../../../../test/factories.js';

describe('approving a plan that has errors now', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(); // 2026-11-30 in Shanghai
  });
  afterAll(async () => {
    await t.close();
  });

  it('is refused with the findings, and nothing is published', async () => {
    const db = t.database.db;
    const county = await buildRegion(db, { parent: await buildRegion(db, { level: 'city' }) });
    const policy = await buildPolicyVersion(db, county, { model: '5+2' });
    const term = await buildTerm(db, county);
    const school = await buildSchool(db, { region: county });
    const content = sampleTermPlan();
    content.staff = content.staff.map((s) => ({
      ...s,
      responsibilityLetter: { signedOn: '2026-08-25', validUntil: '2026-12-31' },
    }));
    const plan = await buildPlan(db, school, term.termId, {
      status: 'submitted',
      content,
      policyVersionId: policy.versionId,
    });
    const bureauId = (await buildMember(db, 'bureau', { region: county })).user.id;

    // A month later the letters have lapsed.
    t.clock.advance(36 * 24 * 3600 * 1000);
    const bureau = await signIn(t, bureauId);
    const res = await bureau.request({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/plans/${plan.planId}/approve`,
      payload: { revision: plan.revision },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toBe('PLAN_HAS_ERRORS');
    expect(res.json().details.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('staff.letter');
    const after = await t.database.pool.query('select status from plans where plan_id = $1', [plan.planId]);
    expect(after.rows[0].status).toBe('submitted');
    const published = await t.database.pool.query(
      'select count(*)::int as n from notices where plan_id = $1',
      [plan.planId],
    );
    expect(published.rows[0].n).toBe(0);

    // Returning it works, with the reason.
    const returned = await bureau.request({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/plans/${plan.planId}/return`,
      payload: { revision: plan.revision, comment: '岗位责任书已过期，请续签后重新提交。' },
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().status).toBe('returned');
  });
});

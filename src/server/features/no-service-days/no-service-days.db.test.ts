// F-04: a school's own days without service (exams, weather), within a term that applies to it, and
// their effect on the plan's service days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import {
  buildMember,
  buildPlan,
  buildPolicyVersion,
  buildRegion,
  buildSchool,
  buildTerm,
  type SchoolRow,
} from '../../../../test/factories.js';

describe('school no-service days', () => {
  let t: TestApp;
  let school: SchoolRow;
  let admin: SignedIn;
  let bureau: SignedIn;
  let teacher: SignedIn;
  let planId: string;
  let termId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    const county = await buildRegion(db, { parent: await buildRegion(db, { level: 'city' }) });
    await buildPolicyVersion(db, county);
    termId = (await buildTerm(db, county, { code: '2026-2027-1' })).termId;
    school = await buildSchool(db, { region: county });
    planId = (await buildPlan(db, school, termId)).planId;
    admin = await signIn(t, (await buildMember(db, 'school_admin', { school })).user.id);
    bureau = await signIn(t, (await buildMember(db, 'bureau', { region: county })).user.id);
    teacher = await signIn(t, (await buildMember(db, 'care_teacher', { school })).user.id);
  });
  afterAll(async () => {
    await t.close();
  });

  const dayUrl = (date: string) => `/api/schools/${school.schoolId}/no-service-days/${date}`;
  const list = (who: SignedIn, query = '') =>
    who.request({ method: 'GET', url: `/api/schools/${school.schoolId}/no-service-days${query}` });
  const rows = async () =>
    (
      await t.database.pool.query(
        'select date::text, reason from school_no_service_days where school_id = $1 order by date',
        [school.schoolId],
      )
    ).rows;
  const plan = async () =>
    (await admin.request({ method: 'GET', url: `/api/schools/${school.schoolId}/plans/${planId}` })).json();

  it('marks an exam day, which the plan then does not serve', async () => {
    const before = (await plan()).serviceDays.count;
    const res = await admin.request({
      method: 'PUT',
      url: dayUrl('2026-11-12'),
      payload: { reason: '期中考试' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ date: '2026-11-12', reason: '期中考试' });
    const after = (await plan()).serviceDays;
    expect(after.count).toBe(before - 1);
    expect(after.excluded.find((d: { date: string }) => d.date === '2026-11-12').label.zh).toBe(
      '学校停课：期中考试',
    );
  });

  it('changes the reason of a day already marked', async () => {
    const res = await admin.request({
      method: 'PUT',
      url: dayUrl('2026-11-12'),
      payload: { reason: '期中考试（全校）' },
    });
    expect(res.statusCode).toBe(200);
    expect(await rows()).toEqual([{ date: '2026-11-12', reason: '期中考试（全校）' }]);
  });

  it('refuses a date outside every term, a missing reason, a bad date, naming the field; nothing saved', async () => {
    const before = await rows();
    const outside = await admin.request({
      method: 'PUT',
      url: dayUrl('2027-08-01'),
      payload: { reason: '台风' },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details.fields[0].path).toBe('params.date');
    expect(outside.json().message).toMatch(/[\u4e00-\u9fff]/);
    const noReason = await admin.request({
      method: 'PUT',
      url: dayUrl('2026-11-13'),
      payload: { reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.fields[0].path).toBe('body.reason');
    const badDate = await admin.request({
      method: 'PUT',
      url: dayUrl('2026-02-30'),
      payload: { reason: '台风' },
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().details.fields[0].path).toBe('params.date');
    expect(await rows()).toEqual(before);
  });

  it('lists the days for those who may read plans, optionally of one term', async () => {
    const mine = await list(admin);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toEqual([
      expect.objectContaining({
        date: '2026-11-12',
        reason: '期中考试（全校）',
        createdByName: expect.any(String),
      }),
    ]);
    expect((await list(bureau, `?termId=${termId}`)).json().items).toHaveLength(1);
    expect((await list(teacher)).statusCode).toBe(403);
    expect(
      (await teacher.request({ method: 'PUT', url: dayUrl('2026-11-13'), payload: { reason: '运动会' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await bureau.request({ method: 'PUT', url: dayUrl('2026-11-13'), payload: { reason: '运动会' } }))
        .statusCode,
    ).toBe(403);
  });

  it('removes a day, and says when there is none', async () => {
    expect((await admin.request({ method: 'DELETE', url: dayUrl('2026-11-12') })).statusCode).toBe(204);
    expect(await rows()).toEqual([]);
    const again = await admin.request({ method: 'DELETE', url: dayUrl('2026-11-12') });
    expect(again.statusCode).toBe(404);
    const { rows: audit } = await t.database.pool.query(
      `select action from audit_log where scope_school_id = $1 and object_type = 'no_service_day' order by id`,
      [school.schoolId],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'no_service_day.set',
      'no_service_day.set',
      'no_service_day.remove',
    ]);
  });
});

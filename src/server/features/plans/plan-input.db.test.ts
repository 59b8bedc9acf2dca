// Bad input to a plan (issue 3 "Bad input"): a clear 400 naming the field, nothing saved. What is
// only short of the policy is saved and shown as a finding.
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
  sampleTermPlan,
} from '../../../../test/factories.js';
import type { TermPlan } from '../../../domain/plan.js';
import { defaultPolicy } from '../../../domain/policy.js';

type Session = TermPlan['timetable'][number];

describe('plan input', () => {
  let t: TestApp;
  let school: SchoolRow;
  let admin: SignedIn;
  let planId: string;
  let termId: string;
  let foreignTermId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    const county = await buildRegion(db, { parent: await buildRegion(db, { level: 'city' }) });
    // The county allows every category but clubs (一县一策).
    const policy = defaultPolicy('5+2');
    policy.activityCategories = policy.activityCategories.filter((c) => c !== 'clubs');
    await buildPolicyVersion(db, county, { policy });
    termId = (await buildTerm(db, county)).termId;
    school = await buildSchool(db, { region: county });
    admin = await signIn(t, (await buildMember(db, 'school_admin', { school })).user.id);
    planId = (await buildPlan(db, school, termId)).planId;
    const elsewhere = await buildRegion(db, { parent: await buildRegion(db, { level: 'city' }) });
    foreignTermId = (await buildTerm(db, elsewhere)).termId;
  });
  afterAll(async () => {
    await t.close();
  });

  const stored = async () =>
    (
      await t.database.pool.query(
        'select content, revision, status, updated_at from plans where school_id = $1 and plan_id = $2',
        [school.schoolId, planId],
      )
    ).rows[0];
  const save = (content: unknown) =>
    admin.request({
      method: 'PUT',
      url: `/api/schools/${school.schoolId}/plans/${planId}`,
      payload: { revision: 1, content },
    });
  const withSession = (i: number, change: Partial<Session>) => {
    const plan = sampleTermPlan();
    plan.timetable[i] = { ...(plan.timetable[i] as Session), ...change };
    return plan;
  };

  const refused: [string, () => unknown, string][] = [
    [
      'overlapping sessions in one room',
      () => withSession(1, { start: '16:20' }),
      'body.content.timetable.1.start',
    ],
    [
      'a session ending before it starts',
      () => withSession(0, { start: '16:40', end: '15:40' }),
      'body.content.timetable.0.end',
    ],
    [
      'an unknown category',
      () => withSession(0, { category: 'chess_gambling' }),
      'body.content.timetable.0.category',
    ],
    ['an unknown kind', () => withSession(0, { kind: 'lecture' }), 'body.content.timetable.0.kind'],
    [
      'a venue the plan does not list',
      () => withSession(0, { venueId: 'v9' }),
      'body.content.timetable.0.venueId',
    ],
    ['a time that is not one', () => withSession(0, { start: '25:00' }), 'body.content.timetable.0.start'],
    [
      'a staff id used twice',
      () => {
        const plan = sampleTermPlan();
        (plan.staff[1] as TermPlan['staff'][number]).id = 't1';
        return plan;
      },
      'body.content.staff.1.id',
    ],
    [
      'inspection dates in the wrong order',
      () => {
        const plan = sampleTermPlan();
        (plan.venues[0] as TermPlan['venues'][number]).safetyInspection = {
          passedOn: '2026-08-20',
          validUntil: '2025-08-19',
        };
        return plan;
      },
      'body.content.venues.0.safetyInspection',
    ],
    [
      'insurance cover ending before it starts',
      () => {
        const plan = sampleTermPlan();
        (plan.insurance[0] as TermPlan['insurance'][number]).coverTo = '2026-01-01';
        return plan;
      },
      'body.content.insurance.0.coverTo',
    ],
    [
      'a date that is not one',
      () => ({
        ...sampleTermPlan(),
        insurance: [{ ...sampleTermPlan().insurance[0], coverFrom: '2026-02-30' }],
      }),
      'body.content.insurance.0.coverFrom',
    ],
    ['a weekday 8', () => sampleTermPlan({ weekdays: [1, 2, 8] as never }), 'body.content.weekdays.2'],
    ['a grade 10', () => sampleTermPlan({ grades: [1, 10] }), 'body.content.grades.1'],
    ['an unknown field', () => ({ ...sampleTermPlan(), note: 'internal' }), 'body.content.note'],
    [
      'more than 50 sessions',
      () =>
        sampleTermPlan({
          timetable: Array.from({ length: 51 }, () => sampleTermPlan().timetable[0] as Session),
        }),
      'body.content.timetable',
    ],
    // Issue 14.17: the make-up working day choice and its timetable weekday (a school day).
    [
      'a make-up choice that is not one',
      () => ({ ...sampleTermPlan(), makeUpWorkdays: 'sometimes' }),
      'body.content.makeUpWorkdays',
    ],
    [
      'a make-up timetable on a Saturday',
      () => ({ ...sampleTermPlan(), makeUpTimetableWeekday: 6 }),
      'body.content.makeUpTimetableWeekday',
    ],
    [
      'an empty activity name',
      () => withSession(0, { activity: '   ' }),
      'body.content.timetable.0.activity',
    ],
  ];

  for (const [what, content, field] of refused) {
    it(`refuses ${what}, naming ${field}, and saves nothing`, async () => {
      const before = await stored();
      const res = await save(content());
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json();
      expect(body.error).toBe('VALIDATION_FAILED');
      expect(body.message).toMatch(/[\u4e00-\u9fff]/);
      const paths = (body.details.fields as { path: string }[]).map((f) => f.path);
      expect(
        paths.some((p) => p === field || p.startsWith(`${field}.`) || p.startsWith(`${field},`)),
        paths.join(),
      ).toBe(true);
      expect(await stored()).toEqual(before);
    });
  }

  it('names the rule of a structural finding beside the field', async () => {
    const res = await save(withSession(1, { start: '16:20' }));
    expect(res.json().details.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      'timetable.overlap',
    ]);
  });

  it('saves what is only short of the policy, and shows it as findings', async () => {
    const plan = sampleTermPlan({
      weekdays: [1, 2, 3],
      principalOfficePhone: '',
      // Insurance running past the term is fine: policies run by calendar or school year.
      insurance: sampleTermPlan().insurance.map((p) => ({
        ...p,
        coverFrom: '2026-01-01',
        coverTo: '2027-12-31',
      })),
    });
    (plan.timetable[1] as Session).category = 'clubs';
    const res = await save(plan);
    expect(res.statusCode, res.body).toBe(200);
    const errors = (res.json().findings as { ruleId: string; severity: string }[])
      .filter((f) => f.severity === 'error')
      .map((f) => f.ruleId)
      .sort();
    expect(errors).toEqual(['activity.unknown-category', 'contacts.principal-phone', 'days.too-few']);
    expect(res.json().revision).toBe(2);
  });

  it('counts the make-up working days by the policy and the plan’s choice (issue 14.17)', async () => {
    const db = t.database.db;
    // A pilot county (B 二): each plan chooses, not served by default. Autumn 2026 has two make-up
    // working days (Sunday 09-20, Saturday 10-10).
    const pilot = await buildRegion(db, { parent: await buildRegion(db, { level: 'city' }) });
    await buildPolicyVersion(db, pilot, { policy: defaultPolicy('pilot-4') });
    const pilotTerm = (await buildTerm(db, pilot)).termId;
    const pilotSchool = await buildSchool(db, { region: pilot });
    const pilotAdmin = await signIn(
      t,
      (await buildMember(db, 'school_admin', { school: pilotSchool })).user.id,
    );
    const pilotPlan = (await buildPlan(db, pilotSchool, pilotTerm)).planId;
    let revision = 1;
    const savePilot = async (extra: Partial<TermPlan>) => {
      const res = await pilotAdmin.request({
        method: 'PUT',
        url: `/api/schools/${pilotSchool.schoolId}/plans/${pilotPlan}`,
        payload: { revision, content: sampleTermPlan({ weekdays: [1, 2, 4, 5], ...extra }) },
      });
      expect(res.statusCode, res.body).toBe(200);
      revision = res.json().revision;
      return res.json().serviceDays as { count: number; makeUpDays: { date: string }[] };
    };
    const byDefault = await savePilot({});
    expect(byDefault.makeUpDays).toEqual([]);
    const served = await savePilot({ makeUpWorkdays: 'served', makeUpTimetableWeekday: 5 });
    expect(served.count).toBe(byDefault.count + 2);
    expect(served.makeUpDays).toEqual([
      { date: '2026-09-20', weekday: 7, timetableWeekday: 5 },
      { date: '2026-10-10', weekday: 6, timetableWeekday: 5 },
    ]);
    expect((await savePilot({ makeUpWorkdays: 'not_served' })).count).toBe(byDefault.count);

    // The 5+2 county (C 1) serves them whatever the plan says.
    const five = await admin.request({
      method: 'PUT',
      url: `/api/schools/${school.schoolId}/plans/${planId}`,
      payload: {
        revision: (await stored()).revision,
        content: sampleTermPlan({ weekdays: [1, 2, 3, 4, 5], makeUpWorkdays: 'not_served' }),
      },
    });
    expect(five.statusCode, five.body).toBe(200);
    expect(five.json().serviceDays.makeUpDays.map((d: { date: string }) => d.date)).toEqual([
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('creates plans only for a term that applies to the school', async () => {
    const res = await admin.request({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/plans`,
      payload: { termId: foreignTermId },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0].path).toBe('body.termId');
    const bad = await admin.request({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/plans`,
      payload: { termId: 'autumn' },
    });
    expect(bad.json().details.fields[0].path).toBe('body.termId');
  });

  it('says so when the region has not published its policy', async () => {
    const db = t.database.db;
    const bare = await buildRegion(db, { parent: await buildRegion(db, { level: 'city' }) });
    const term = await buildTerm(db, bare);
    const lonely = await buildSchool(db, { region: bare });
    const lonelyAdmin = await signIn(t, (await buildMember(db, 'school_admin', { school: lonely })).user.id);
    const res = await lonelyAdmin.request({
      method: 'POST',
      url: `/api/schools/${lonely.schoolId}/plans`,
      payload: { termId: term.termId },
    });
    expect(res.statusCode).toBe(409);
    // The answer names the day that lacks a policy (issue 13.12).
    expect(res.json()).toMatchObject({ error: 'NO_POLICY_IN_FORCE', details: { date: '2026-09-01' } });
    expect(res.json().message).toContain('2026年9月1日');
    const { rows } = await t.database.pool.query(
      'select count(*)::int as n from plans where school_id = $1',
      [lonely.schoolId],
    );
    expect(rows[0].n).toBe(0);
  });

  it('answers 404 for a plan of another school given under this one', async () => {
    const other = await buildSchool(t.database.db, { region: school.region });
    const theirs = await buildPlan(t.database.db, other, termId);
    const res = await admin.request({
      method: 'GET',
      url: `/api/schools/${school.schoolId}/plans/${theirs.planId}`,
    });
    expect(res.statusCode).toBe(404);
  });
});

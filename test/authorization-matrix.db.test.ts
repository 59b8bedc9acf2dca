// Every route × every role × {own scope, another school of the same city, another region}: only
// the intended answers. The expected table is written out by hand, independently of the policy
// module, so that a wrong rule there shows up here.
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/domain/policy.js';
import type { SignedIn } from './app.js';
import { type Case, cityWide, describeMatrix, ownOnly, WHO, type Who } from './authorization.js';
import { sampleTermPlan } from './factories.js';

const cases: Case[] = [
  {
    name: 'GET /api/schools/:schoolId',
    request: (w, where) => ({ method: 'GET', url: `/api/schools/${w.school[where].schoolId}` }),
    allowed: {
      cityBureau: cityWide(200),
      bureau: ownOnly(200),
      school_admin: ownOnly(200),
      care_teacher: ownOnly(200),
      duty_chief: ownOnly(200),
      gate_guard: ownOnly(200),
      guardian: ownOnly(200),
    },
  },
  {
    name: 'PATCH /api/schools/:schoolId',
    request: (w, where, n) => ({
      method: 'PATCH',
      url: `/api/schools/${w.school[where].schoolId}`,
      payload: { teacherCount: 50 + n },
    }),
    allowed: { cityBureau: cityWide(200), bureau: ownOnly(200), school_admin: ownOnly(200) },
  },
  {
    name: 'GET /api/schools/:schoolId/members',
    request: (w, where) => ({ method: 'GET', url: `/api/schools/${w.school[where].schoolId}/members` }),
    allowed: { cityBureau: cityWide(200), bureau: ownOnly(200), school_admin: ownOnly(200) },
  },
  {
    name: 'POST /api/schools/:schoolId/members (care teacher)',
    request: (w, where, n) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/members`,
      payload: {
        username: `t${n}x`,
        displayName: '新老师',
        role: 'care_teacher',
        password: 'Matrix-Pass-2026',
      },
    }),
    allowed: { school_admin: ownOnly(201) },
  },
  {
    name: 'POST /api/schools/:schoolId/members (school admin)',
    request: (w, where, n) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/members`,
      payload: {
        username: `a${n}x`,
        displayName: '新组长',
        role: 'school_admin',
        password: 'Matrix-Pass-2026',
      },
    }),
    allowed: { cityBureau: cityWide(201), bureau: ownOnly(201), school_admin: ownOnly(201) },
  },
  {
    name: 'GET /api/schools/:schoolId/students',
    request: (w, where) => ({ method: 'GET', url: `/api/schools/${w.school[where].schoolId}/students` }),
    allowed: { school_admin: ownOnly(200), duty_chief: ownOnly(200) },
  },
  {
    name: "GET /api/schools/:schoolId/students/:studentId (the guardian's child)",
    request: (w, where) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/students/${where === 'own' ? w.guardianChild : w.child[where]}`,
    }),
    // A child outside scope is "not found", never confirmed.
    allowed: {
      cityBureau: { own: 404, otherSchool: 404, otherRegion: 404 },
      bureau: { own: 404, otherSchool: 404, otherRegion: 404 },
      school_admin: { own: 200, otherSchool: 404, otherRegion: 404 },
      care_teacher: { own: 404, otherSchool: 404, otherRegion: 404 },
      duty_chief: { own: 200, otherSchool: 404, otherRegion: 404 },
      gate_guard: { own: 404, otherSchool: 404, otherRegion: 404 },
      guardian: { own: 200, otherSchool: 404, otherRegion: 404 },
    },
  },
  {
    name: 'GET /api/schools/:schoolId/students/:studentId (another family’s child)',
    request: (w, where) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/students/${where === 'own' ? w.otherFamilyChild : w.child[where]}`,
    }),
    allowed: {
      cityBureau: { own: 404, otherSchool: 404, otherRegion: 404 },
      bureau: { own: 404, otherSchool: 404, otherRegion: 404 },
      school_admin: { own: 200, otherSchool: 404, otherRegion: 404 },
      care_teacher: { own: 404, otherSchool: 404, otherRegion: 404 },
      duty_chief: { own: 200, otherSchool: 404, otherRegion: 404 },
      gate_guard: { own: 404, otherSchool: 404, otherRegion: 404 },
      guardian: { own: 404, otherSchool: 404, otherRegion: 404 },
    },
  },
  {
    name: 'POST /api/regions/:regionId/schools',
    request: (w, where, n) => ({
      method: 'POST',
      url: `/api/regions/${w.county[where].id}/schools`,
      payload: {
        code: String(8_800_000_000 + n),
        name: `矩阵小学${n}`,
        type: 'primary',
        grades: [1, 2, 3],
        teacherCount: 10,
        studentCount: 100,
      },
    }),
    allowed: { cityBureau: cityWide(201), bureau: ownOnly(201) },
  },
  {
    name: 'POST /api/regions/:regionId/regions (below the city of the scope)',
    request: (w, where, n) => ({
      method: 'POST',
      url: `/api/regions/${where === 'otherRegion' ? w.county.otherRegion.id : w.city.id}/regions`,
      payload: { code: String(770_000 + n), name: `新区${n}` },
    }),
    // Only the city bureau creates counties in its city; a county has nothing below it (400 for
    // the other region's county would leak nothing, but 403 comes first).
    allowed: { cityBureau: { own: 201, otherSchool: 201 } },
  },
  {
    name: 'GET /api/regions/:regionId/policy (the school’s county)',
    request: (w, where) => ({ method: 'GET', url: `/api/regions/${w.county[where].id}/policy` }),
    allowed: { cityBureau: cityWide(200), bureau: ownOnly(200), school_admin: ownOnly(200) },
  },
  {
    name: 'POST /api/regions/:regionId/policy/versions',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/regions/${w.county[where].id}/policy/versions`,
      payload: { effectiveFrom: '2027-02-01', policy: defaultPolicy('5+2') },
    }),
    allowed: { cityBureau: cityWide(201), bureau: ownOnly(201) },
  },
  {
    name: 'GET /api/regions/:regionId/terms',
    request: (w, where) => ({ method: 'GET', url: `/api/regions/${w.county[where].id}/terms` }),
    allowed: {
      cityBureau: cityWide(200),
      bureau: ownOnly(200),
      school_admin: ownOnly(200),
      care_teacher: ownOnly(200),
      duty_chief: ownOnly(200),
      gate_guard: ownOnly(200),
    },
  },
  {
    name: 'GET /api/schools/:schoolId/terms',
    request: (w, where) => ({ method: 'GET', url: `/api/schools/${w.school[where].schoolId}/terms` }),
    allowed: {
      cityBureau: cityWide(200),
      bureau: ownOnly(200),
      school_admin: ownOnly(200),
      care_teacher: ownOnly(200),
      duty_chief: ownOnly(200),
      gate_guard: ownOnly(200),
      guardian: ownOnly(200),
    },
  },
  {
    name: 'POST /api/regions/:regionId/terms',
    request: (w, where, n) => ({
      method: 'POST',
      url: `/api/regions/${w.county[where].id}/terms`,
      payload: {
        code: `${2030 + n}-${2031 + n}-1`,
        name: '秋季学期',
        firstDay: '2030-09-01',
        lastDay: '2031-01-20',
      },
    }),
    allowed: { cityBureau: cityWide(201), bureau: ownOnly(201) },
  },
  {
    name: 'PATCH /api/terms/:termId',
    request: (w, where) => ({
      method: 'PATCH',
      url: `/api/terms/${w.term[where]}`,
      payload: { unifiedStartDate: '2026-09-08' },
    }),
    allowed: { cityBureau: cityWide(200), bureau: ownOnly(200) },
  },
  {
    name: 'GET /api/regions/:regionId/calendar',
    request: (w, where) => ({ method: 'GET', url: `/api/regions/${w.county[where].id}/calendar?year=2027` }),
    allowed: { cityBureau: cityWide(200), bureau: ownOnly(200), school_admin: ownOnly(200) },
  },
  {
    name: 'PUT /api/regions/:regionId/calendar/:date',
    request: (w, where) => ({
      method: 'PUT',
      url: `/api/regions/${w.county[where].id}/calendar/2027-02-20`,
      payload: { kind: 'makeup_workday', name: '春节调休', confirmed: true },
    }),
    allowed: { cityBureau: cityWide(200), bureau: ownOnly(200) },
  },
  {
    name: 'DELETE /api/regions/:regionId/calendar/:date',
    request: (w, where) => ({
      method: 'DELETE',
      url: `/api/regions/${w.county[where].id}/calendar/2027-03-01`,
    }),
    // No entry exists for that date: an allowed actor gets past the check and finds nothing (404);
    // a refused one is stopped before looking (403).
    allowed: { cityBureau: cityWide(404), bureau: ownOnly(404) },
  },
  {
    name: 'GET /api/schools/:schoolId/plans',
    request: (w, where) => ({ method: 'GET', url: `/api/schools/${w.school[where].schoolId}/plans` }),
    allowed: { cityBureau: cityWide(200), bureau: ownOnly(200), school_admin: ownOnly(200) },
  },
  {
    name: 'POST /api/schools/:schoolId/plans',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/plans`,
      payload: { termId: w.springTerm[where] },
    }),
    allowed: { school_admin: ownOnly(201) },
  },
  {
    name: 'GET /api/schools/:schoolId/plans/:planId',
    request: (w, where) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/plans/${w.plan[where]}`,
    }),
    allowed: { cityBureau: cityWide(200), bureau: ownOnly(200), school_admin: ownOnly(200) },
  },
  {
    name: 'PUT /api/schools/:schoolId/plans/:planId',
    request: (w, where) => ({
      method: 'PUT',
      url: `/api/schools/${w.school[where].schoolId}/plans/${w.plan[where]}`,
      payload: { revision: 1, content: sampleTermPlan() },
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  // The review steps name a revision nobody has: an allowed actor gets past the check and is told the
  // plan is not in that state or revision (409); a refused one is stopped before (403). The whole flow
  // with its 200s is in src/server/features/plans/plans.db.test.ts.
  {
    name: 'POST /api/schools/:schoolId/plans/:planId/submit',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/plans/${w.plan[where]}/submit`,
      payload: { revision: 999 },
    }),
    allowed: { school_admin: ownOnly(409) },
  },
  {
    name: 'POST /api/schools/:schoolId/plans/:planId/return',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/plans/${w.plan[where]}/return`,
      payload: { revision: 999, comment: '请补充应急联系人。' },
    }),
    allowed: { cityBureau: cityWide(409), bureau: ownOnly(409) },
  },
  {
    name: 'POST /api/schools/:schoolId/plans/:planId/approve',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/plans/${w.plan[where]}/approve`,
      payload: { revision: 999 },
    }),
    allowed: { cityBureau: cityWide(409), bureau: ownOnly(409) },
  },
  {
    name: 'POST /api/schools/:schoolId/plans/:planId/reopen',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/plans/${w.plan[where]}/reopen`,
      payload: { revision: 999 },
    }),
    allowed: { school_admin: ownOnly(409) },
  },
  {
    name: 'GET /api/regions/:regionId/plans',
    request: (w, where) => ({
      method: 'GET',
      url: `/api/regions/${w.county[where].id}/plans?termCode=2026-2027-1`,
    }),
    allowed: { cityBureau: cityWide(200), bureau: ownOnly(200) },
  },
  {
    name: 'GET /api/schools/:schoolId/no-service-days',
    request: (w, where) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/no-service-days`,
    }),
    allowed: { cityBureau: cityWide(200), bureau: ownOnly(200), school_admin: ownOnly(200) },
  },
  {
    name: 'PUT /api/schools/:schoolId/no-service-days/:date',
    request: (w, where) => ({
      method: 'PUT',
      url: `/api/schools/${w.school[where].schoolId}/no-service-days/2026-10-20`,
      payload: { reason: '期中考试' },
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'DELETE /api/schools/:schoolId/no-service-days/:date',
    request: (w, where) => ({
      method: 'DELETE',
      url: `/api/schools/${w.school[where].schoolId}/no-service-days/2026-10-21`,
    }),
    // No entry for that date: the school admin gets past the check and finds nothing (404).
    allowed: { school_admin: ownOnly(404) },
  },
  {
    name: 'GET /api/audit?schoolId=',
    request: (w, where) => ({ method: 'GET', url: `/api/audit?schoolId=${w.school[where].schoolId}` }),
    allowed: { cityBureau: cityWide(200), bureau: ownOnly(200), school_admin: ownOnly(200) },
  },
];

describeMatrix('authorization matrix', cases, undefined, (m) => {
  // F-05: the public notice is for anyone, signed in or not, in any role: the same answer for all.
  describe('GET /api/public/notices/:schoolCode/:termCode', () => {
    for (const who of WHO) {
      it(`${who} reads an approved plan's notice (200) and nothing of a draft (404)`, async () => {
        const actor = m.actors.get(who);
        const get = (url: string) =>
          actor ? actor.request({ method: 'GET', url }) : m.t.app.inject({ url });
        const published = await get(`/api/public/notices/${m.world.school.otherSchool.code}/2026-2027-1`);
        expect(published.statusCode, published.body).toBe(200);
        expect(published.json().version).toBe(1);
        const draft = await get(`/api/public/notices/${m.world.school.own.code}/2026-2027-1`);
        expect(draft.statusCode).toBe(404);
        expect(draft.json().error).toBe('NOT_FOUND');
      });
    }
  });

  describe('lists are scoped', () => {
    const schoolIdsSeen = async (who: Who) => {
      const res = await (m.actors.get(who) as SignedIn).request({ method: 'GET', url: '/api/schools' });
      expect(res.statusCode).toBe(200);
      return (res.json().items as { id: string }[]).map((s) => s.id).sort();
    };

    it('GET /api/schools: the city bureau sees its two schools, everyone else only the own school', async () => {
      // (The matrix above created more schools in the city's counties; those are the city's too.)
      const city = await schoolIdsSeen('cityBureau');
      expect(city).toContain(m.world.school.own.schoolId);
      expect(city).toContain(m.world.school.otherSchool.schoolId);
      expect(city).not.toContain(m.world.school.otherRegion.schoolId);
      for (const who of [
        'bureau',
        'school_admin',
        'care_teacher',
        'duty_chief',
        'gate_guard',
        'guardian',
      ] as const) {
        const seen = await schoolIdsSeen(who);
        expect(seen, who).toContain(m.world.school.own.schoolId);
        expect(seen, who).not.toContain(m.world.school.otherRegion.schoolId);
        if (who !== 'bureau') expect(seen, who).toEqual([m.world.school.own.schoolId]);
      }
    });

    it('GET /api/regions: bureaus see their own subtree, other roles are refused', async () => {
      const city = await (m.actors.get('cityBureau') as SignedIn).request({
        method: 'GET',
        url: '/api/regions',
      });
      const ids = (city.json().items as { id: string }[]).map((r) => r.id);
      expect(ids).toContain(m.world.city.id);
      expect(ids).toContain(m.world.county.own.id);
      expect(ids).not.toContain(m.world.county.otherRegion.id);
      const county = await (m.actors.get('bureau') as SignedIn).request({
        method: 'GET',
        url: '/api/regions',
      });
      expect((county.json().items as { id: string }[]).map((r) => r.id)).toEqual([m.world.county.own.id]);
      for (const who of ['school_admin', 'care_teacher', 'duty_chief', 'gate_guard', 'guardian'] as const) {
        expect(
          (await (m.actors.get(who) as SignedIn).request({ method: 'GET', url: '/api/regions' })).statusCode,
        ).toBe(403);
      }
      expect((await m.t.app.inject({ url: '/api/regions' })).statusCode).toBe(401);
    });

    it('GET /api/guardian/children: a guardian sees only their own child; staff see no children', async () => {
      const mine = await (m.actors.get('guardian') as SignedIn).request({
        method: 'GET',
        url: '/api/guardian/children',
      });
      expect((mine.json().items as { studentId: string }[]).map((c) => c.studentId)).toEqual([
        m.world.guardianChild,
      ]);
      for (const who of [
        'cityBureau',
        'bureau',
        'school_admin',
        'care_teacher',
        'duty_chief',
        'gate_guard',
      ] as const) {
        const res = await (m.actors.get(who) as SignedIn).request({
          method: 'GET',
          url: '/api/guardian/children',
        });
        expect(res.json().items, who).toEqual([]);
      }
      expect((await m.t.app.inject({ url: '/api/guardian/children' })).statusCode).toBe(401);
    });

    it('GET /api/audit without a school: admins see their scope, other roles are refused', async () => {
      for (const who of ['cityBureau', 'bureau', 'school_admin'] as const) {
        expect(
          (await (m.actors.get(who) as SignedIn).request({ method: 'GET', url: '/api/audit' })).statusCode,
        ).toBe(200);
      }
      for (const who of ['care_teacher', 'duty_chief', 'gate_guard', 'guardian'] as const) {
        expect(
          (await (m.actors.get(who) as SignedIn).request({ method: 'GET', url: '/api/audit' })).statusCode,
        ).toBe(403);
      }
      const schoolAdmin = await (m.actors.get('school_admin') as SignedIn).request({
        method: 'GET',
        url: '/api/audit?pageSize=200',
      });
      const schools = new Set(
        (schoolAdmin.json().items as { schoolName: string | null }[]).map((e) => e.schoolName),
      );
      expect(schools.has(m.world.school.otherRegion.name)).toBe(false);
      expect(schools.has(m.world.school.otherSchool.name)).toBe(false);
    });

    it('session routes answer every signed-in role about itself only', async () => {
      for (const who of WHO.filter((w) => w !== 'anonymous')) {
        const actor = m.actors.get(who) as SignedIn;
        const res = await actor.request({ method: 'GET', url: '/api/auth/session' });
        expect(res.statusCode).toBe(200);
        expect(res.json().user.id).toBe(actor.userId);
      }
      expect((await m.t.app.inject({ url: '/api/auth/session' })).statusCode).toBe(401);
      expect((await m.t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
      expect(
        (
          await m.t.app.inject({
            method: 'POST',
            url: '/api/auth/password',
            payload: { currentPassword: 'x', newPassword: 'y' },
          })
        ).statusCode,
      ).toBe(401);
    });
  });
});

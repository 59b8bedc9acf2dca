// The foundation routes' authorization matrix (schools, regions, policy, terms, calendar, plans,
// no-service days, audit, the session): the cases are in authorization-matrix-cases.ts; the lists,
// scoped by construction, are checked here.
import { describe, expect, it } from 'vitest';
import type { SignedIn } from './app.js';
import { describeMatrix, WHO, type Who } from './authorization.js';
import { cases } from './authorization-matrix-cases.js';

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

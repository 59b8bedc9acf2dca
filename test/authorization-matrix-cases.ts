// Every route × every role × {own scope, another school of the same city, another region}: only
// the intended answers. The expected table is written out by hand, independently of the policy
// module, so that a wrong rule there shows up here.
import { randomUUID } from 'node:crypto';
import { defaultPolicy } from '../src/domain/policy.js';
import { type Case, cityWide, ownOnly, type Who } from './authorization.js';
import { sampleTermPlan } from './factories.js';

const everywhere = (status: number) => ({ own: status, otherSchool: status, otherRegion: status });
// Every actor but anonymous (always 401), with the same answer in every scope.
const everySignedIn = (status: number) =>
  Object.fromEntries(
    (
      [
        'cityBureau',
        'bureau',
        'school_admin',
        'care_teacher',
        'duty_chief',
        'gate_guard',
        'guardian',
      ] as const satisfies readonly Who[]
    ).map((who) => [who, everywhere(status)]),
  );

export const cases: Case[] = [
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
    // Each request's term in a year of its own: one region's terms never share a date (issue 13.1).
    request: (w, where, n) => ({
      method: 'POST',
      url: `/api/regions/${w.county[where].id}/terms`,
      payload: {
        code: `${2030 + n}-${2031 + n}-1`,
        name: '秋季学期',
        firstDay: `${2030 + n}-09-01`,
        lastDay: `${2031 + n}-01-20`,
      },
    }),
    allowed: { cityBureau: cityWide(201), bureau: ownOnly(201) },
  },
  {
    name: 'PATCH /api/terms/:termId',
    // The spring term: `w.term` shares its dates with the autumn term of the plans, which a change
    // through the API refuses whoever asks (issue 13.1: one region's terms never share a date).
    request: (w, where) => ({
      method: 'PATCH',
      url: `/api/terms/${w.springTerm[where]}`,
      payload: { unifiedStartDate: '2027-02-24' },
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
  // Lists scoped by construction: the URL names no school or child, so every signed-in actor gets its
  // own share (the same answer in every scope); what each one sees is checked in "lists are scoped"
  // (authorization-matrix.db.test.ts).
  {
    name: 'GET /api/schools (the schools of the actor’s scope)',
    request: () => ({ method: 'GET', url: '/api/schools' }),
    allowed: everySignedIn(200),
  },
  {
    name: 'GET /api/regions (the bureau’s own subtree)',
    request: () => ({ method: 'GET', url: '/api/regions' }),
    allowed: { cityBureau: everywhere(200), bureau: everywhere(200) },
  },
  {
    name: 'GET /api/guardian/children (the guardian’s own children; none for staff)',
    request: () => ({ method: 'GET', url: '/api/guardian/children' }),
    allowed: everySignedIn(200),
  },
  // The signed-in account itself: each actor reaches only its own session, password and messages.
  {
    name: 'GET /api/auth/session',
    request: () => ({ method: 'GET', url: '/api/auth/session' }),
    allowed: everySignedIn(200),
  },
  {
    name: 'POST /api/auth/logout',
    request: () => ({ method: 'POST', url: '/api/auth/logout' }),
    endsSession: true,
    allowed: everySignedIn(204),
  },
  {
    // No current password is right for a matrix account (test/factories.ts): every signed-in actor
    // gets past the session check to WRONG_PASSWORD (403), for its own account, the only one the
    // route takes; three tries each stay below the lockout (5). The change itself is tested in
    // src/server/features/auth/login.db.test.ts.
    name: 'POST /api/auth/password (a wrong current password)',
    request: () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'Not-The-Password-1', newPassword: 'Matrix-Changed-2026!' },
    }),
    allowed: everySignedIn(403),
  },
  {
    name: 'GET /api/me/notifications (the actor’s own messages)',
    request: () => ({ method: 'GET', url: '/api/me/notifications' }),
    allowed: everySignedIn(200),
  },
  {
    // Marks only the actor's own messages: an id that is not theirs is passed over (updated: 0);
    // another account's message stays unread (src/server/features/notifications/notifications.db.test.ts).
    name: 'POST /api/me/notifications/read (an id that is not the actor’s)',
    request: () => ({
      method: 'POST',
      url: '/api/me/notifications/read',
      payload: { ids: [randomUUID()] },
    }),
    allowed: everySignedIn(200),
  },
];

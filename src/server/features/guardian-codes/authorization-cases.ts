// Who may see the codes summary and issue one-time sign-in codes: the school admin of the school.
// Code login is public and gives nobody anything without a valid code (the codes themselves are
// tested in codes.db.test.ts); the first password is each signed-in account's own business.
// Issue 13.5: the school admin of the school, and only they, lists its locked accounts and gives its
// own people unlock codes; the unlock itself is public and lifts nothing without a valid code
// (unlock.db.test.ts).

import { type Case, ownOnly, type Where, type World } from '../../../../test/authorization.js';
import { buildMember } from '../../../../test/factories.js';
import type { Db } from '../../../db/connect.js';
import { classes } from '../../../db/schema.js';

export interface Extra {
  // A class of each school.
  classIds: Record<Where, string>;
  // A care teacher of each school (its own people).
  teacherIds: Record<Where, string>;
}

const url = (w: Parameters<Case['request']>[0], where: Where) =>
  `/api/schools/${w.school[where].schoolId}/login-codes`;

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
      ] as const
    ).map((who) => [who, { own: status, otherSchool: status, otherRegion: status }]),
  );

export const cases: Case<Extra>[] = [
  {
    name: 'GET login-codes summary',
    request: (w, where) => ({ method: 'GET', url: url(w, where) }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST login-codes (whole school)',
    request: (w, where) => ({ method: 'POST', url: url(w, where), payload: { scope: 'school' } }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST login-codes (a class)',
    request: (w, where, _n, extra) => ({
      method: 'POST',
      url: url(w, where),
      payload: { scope: 'class', classId: extra.classIds[where] },
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST login-codes (chosen children, another family’s child included)',
    request: (w, where) => ({
      method: 'POST',
      url: url(w, where),
      payload: { scope: 'students', studentIds: where === 'own' ? [w.otherFamilyChild] : [w.child[where]] },
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST login-codes (staff)',
    request: (w, where) => ({ method: 'POST', url: url(w, where), payload: { scope: 'staff' } }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST /api/auth/code-login (a code nobody was given)',
    // Another phone each time, so the per-phone lockout (5 failures) stays out of the picture.
    request: (_w, _where, n) => ({
      method: 'POST',
      url: '/api/auth/code-login',
      payload: { phone: `137${String(n).padStart(8, '0')}`, code: '12345678' },
    }),
    allowed: everySignedIn(401),
  },
  {
    name: 'GET locked-accounts',
    request: (w, where) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/locked-accounts`,
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST unlock-code (a teacher of the school)',
    request: (w, where, _n, extra) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/members/${extra.teacherIds[where]}/unlock-code`,
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST unlock-code (the guardian of a child of the school)',
    request: (w, where, _n, extra) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/members/${where === 'own' ? w.guardianUserId : extra.teacherIds[where]}/unlock-code`,
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    // The own school's address with a teacher of another school: not one of its people.
    name: 'POST unlock-code (a teacher of another school, under the own school)',
    request: (w, where, _n, extra) => ({
      method: 'POST',
      url: `/api/schools/${w.school.own.schoolId}/members/${extra.teacherIds[where === 'own' ? 'otherSchool' : where]}/unlock-code`,
    }),
    allowed: { school_admin: { own: 404, otherSchool: 404, otherRegion: 404 } },
  },
  {
    name: 'POST /api/auth/unlock (a code nobody was given)',
    // Another identifier each time, so the per-address throttle (3 per account) stays out of the picture.
    request: (_w, _where, n) => ({
      method: 'POST',
      url: '/api/auth/unlock',
      payload: { identifier: `nobody.${n}`, code: '1234 5678' },
    }),
    allowed: everySignedIn(401),
  },
  {
    // Matrix accounts have a password (test/factories.ts): setting a first one is refused for each;
    // an account without one is tested in codes.db.test.ts.
    name: 'POST /api/auth/first-password (own account only)',
    request: () => ({
      method: 'POST',
      url: '/api/auth/first-password',
      payload: { newPassword: 'Matrix-First-2026!' },
    }),
    allowed: everySignedIn(409),
  },
];

export async function prepare(db: Db, world: World): Promise<Extra> {
  const extra: Extra = { classIds: {} as Extra['classIds'], teacherIds: {} as Extra['teacherIds'] };
  for (const where of ['own', 'otherSchool', 'otherRegion'] as const) {
    const [row] = await db
      .insert(classes)
      .values({ schoolId: world.school[where].schoolId, grade: 2, name: '7班' })
      .returning({ classId: classes.classId });
    if (!row) throw new Error('no class');
    extra.classIds[where] = row.classId;
    extra.teacherIds[where] = (
      await buildMember(db, 'care_teacher', { school: world.school[where] })
    ).user.id;
  }
  return extra;
}

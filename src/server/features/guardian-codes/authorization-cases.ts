// Who may see the codes summary and issue one-time sign-in codes: the school admin of the school.
// Code login is public and gives nobody anything without a valid code (the codes themselves are
// tested in codes.db.test.ts); the first password is each signed-in account's own business.

import { type Case, ownOnly, type Where, type World } from '../../../../test/authorization.js';
import type { Db } from '../../../db/connect.js';
import { classes } from '../../../db/schema.js';

export type Classes = Record<Where, string>;

const url = (w: Parameters<Case['request']>[0], where: Where) =>
  `/api/schools/${w.school[where].schoolId}/login-codes`;

export const cases: Case<Classes>[] = [
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
    request: (w, where, _n, classIds) => ({
      method: 'POST',
      url: url(w, where),
      payload: { scope: 'class', classId: classIds[where] },
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
    allowed: Object.fromEntries(
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
      ).map((who) => [who, { own: 401, otherSchool: 401, otherRegion: 401 }]),
    ),
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
    allowed: Object.fromEntries(
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
      ).map((who) => [who, { own: 409, otherSchool: 409, otherRegion: 409 }]),
    ),
  },
];

export async function prepare(db: Db, world: World): Promise<Classes> {
  const ids = {} as Classes;
  for (const where of ['own', 'otherSchool', 'otherRegion'] as const) {
    const [row] = await db
      .insert(classes)
      .values({ schoolId: world.school[where].schoolId, grade: 2, name: '7班' })
      .returning({ classId: classes.classId });
    if (!row) throw new Error('no class');
    ids[where] = row.classId;
  }
  return ids;
}

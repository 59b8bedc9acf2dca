// Who may see the codes summary and issue one-time sign-in codes: the school admin of the school.
// Code login itself is public (tested in codes.db.test.ts).

import { type Case, describeMatrix, ownOnly, type Where } from '../../../../test/authorization.js';
import { classes } from '../../../db/schema.js';

type Classes = Record<Where, string>;

const url = (w: Parameters<Case['request']>[0], where: Where) =>
  `/api/schools/${w.school[where].schoolId}/login-codes`;

const cases: Case<Classes>[] = [
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
];

describeMatrix<Classes>('guardian sign-in codes', cases, async (db, world) => {
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
});

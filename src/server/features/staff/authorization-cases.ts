// Who may read and write staff records and letters (F-09): the school admin of the school writes;
// the admin and the duty chief read, scans included. Nobody else, and nobody of another school.
import { eq } from 'drizzle-orm';
import { type Case, ownOnly, type Where, type World } from '../../../../test/authorization.js';
import { buildStaff, SAMPLE_PDF } from '../../../../test/factories.js';
import type { Db } from '../../../db/connect.js';
import { responsibilityLetters } from '../../../db/schema.js';

export type Extra = Record<Where, { staffId: string; archiveId: string; letterId: string }>;

const base = (w: Parameters<Case['request']>[0], where: Where) =>
  `/api/schools/${w.school[where].schoolId}/staff`;
const readers = { school_admin: ownOnly(200), duty_chief: ownOnly(200) };

function letterForm() {
  const form = new FormData();
  form.append('signedOn', '2026-08-25');
  form.append('validUntil', '2027-08-24');
  form.append('file', new Blob([new Uint8Array(SAMPLE_PDF)], { type: 'application/pdf' }), 'scan.pdf');
  return form;
}

export const cases: Case<Extra>[] = [
  {
    name: 'GET staff',
    request: (w, where) => ({ method: 'GET', url: base(w, where) }),
    allowed: readers,
  },
  {
    name: 'POST staff',
    request: (w, where, n) => ({
      method: 'POST',
      url: base(w, where),
      payload: { name: `新老师${n}`, kind: 'teacher', weekdays: [1, 2] },
    }),
    allowed: { school_admin: ownOnly(201) },
  },
  {
    name: 'PUT staff',
    request: (w, where, n, x) => ({
      method: 'PUT',
      url: `${base(w, where)}/${x[where].staffId}`,
      payload: { name: `改名${n}`, kind: 'teacher', weekdays: [1, 2, 3] },
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST staff archive',
    request: (w, where, _n, x) => ({
      method: 'POST',
      url: `${base(w, where)}/${x[where].archiveId}/archive`,
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'GET letters',
    request: (w, where, _n, x) => ({ method: 'GET', url: `${base(w, where)}/${x[where].staffId}/letters` }),
    allowed: readers,
  },
  {
    name: 'POST letter (multipart scan)',
    request: (w, where, _n, x) => ({
      method: 'POST',
      url: `${base(w, where)}/${x[where].staffId}/letters`,
      payload: letterForm(),
    }),
    allowed: { school_admin: ownOnly(201) },
  },
  {
    name: 'GET letter scan',
    request: (w, where, _n, x) => ({
      method: 'GET',
      url: `${base(w, where)}/${x[where].staffId}/letters/${x[where].letterId}/scan`,
    }),
    allowed: readers,
  },
];

export async function prepare(db: Db, world: World): Promise<Extra> {
  const extra = {} as Extra;
  for (const where of ['own', 'otherSchool', 'otherRegion'] as const) {
    const person = await buildStaff(db, world.school[where]);
    const archive = await buildStaff(db, world.school[where]);
    const [letter] = await db
      .select({ letterId: responsibilityLetters.letterId })
      .from(responsibilityLetters)
      .where(eq(responsibilityLetters.staffId, person.staffId));
    extra[where] = { staffId: person.staffId, archiveId: archive.staffId, letterId: letter?.letterId ?? '' };
  }
  return extra;
}

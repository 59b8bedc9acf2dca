// Who may apply, read, withdraw and review (F-06, B 四(一) 家长自愿报名 for their own child only).
import { eq } from 'drizzle-orm';
import {
  type Case,
  cityWide,
  ownOnly,
  WHERE,
  type Where,
  type World,
} from '../../../../test/authorization.js';
import { buildFile } from '../../../../test/factories.js';
import type { Db } from '../../../db/connect.js';
import { consents, pickupPersons } from '../../../db/schema.js';
import { buildApplication, buildChildOf, buildOpenTerm } from './fixtures.js';

type Pool = 'withdraw' | 'otherFamilyWithdraw' | 'approve' | 'waitlist' | 'persons' | 'freshChildren';

export interface Extra {
  open: Record<Where, { termId: string; termCode: string; planId: string }>;
  // Fresh rows per case and scope, taken one per request (a refused request leaves its row as it was).
  take: (pool: Pool, where: Where) => string;
  scanApp: Record<Where, string>;
  photoPerson: Record<Where, { studentId: string; personId: string }>;
}

export async function prepare(db: Db, world: World): Promise<Extra> {
  const open = {} as Extra['open'];
  const pools = new Map<string, string[]>();
  const push = (pool: Pool, where: Where, value: string) => {
    const key = `${pool}:${where}`;
    pools.set(key, [...(pools.get(key) ?? []), value]);
  };
  const scanApp = {} as Record<Where, string>;
  const photoPerson = {} as Extra['photoPerson'];
  for (const where of WHERE) {
    const school = world.school[where];
    open[where] = await buildOpenTerm(db, school, world.county[where]);
    const o = open[where];
    // At the own school the guardian's children; elsewhere another family's.
    const parent = where === 'own' ? world.guardianUserId : world.otherFamilyUserId;
    const application = async (guardianUserId: string) => {
      const child = await buildChildOf(db, school, guardianUserId);
      const { application: a } = await buildApplication(db, {
        schoolId: school.schoolId,
        termId: o.termId,
        planId: o.planId,
        studentId: child.studentId,
        guardianUserId,
      });
      return a;
    };
    for (let i = 0; i < 8; i++) {
      push('withdraw', where, (await application(parent)).applicationId);
      push('otherFamilyWithdraw', where, (await application(world.otherFamilyUserId)).applicationId);
      push('approve', where, (await application(world.otherFamilyUserId)).applicationId);
      push('waitlist', where, (await application(world.otherFamilyUserId)).applicationId);
      const withPerson = await application(parent);
      const [person] = await db
        .select({ id: pickupPersons.personId })
        .from(pickupPersons)
        .where(eq(pickupPersons.studentId, withPerson.studentId));
      push('persons', where, `${withPerson.studentId}/pickup-persons/${person?.id}`);
      push('freshChildren', where, (await buildChildOf(db, school, parent)).studentId);
    }
    // A paper application's scan and a pickup person's photo, for the read-only cases.
    const paper = await application(parent);
    const scan = await buildFile(db, school, 'application_scan');
    await db
      .update(consents)
      .set({ source: 'paper', scanFileId: scan.fileId })
      .where(eq(consents.applicationId, paper.applicationId));
    scanApp[where] = paper.applicationId;
    const photo = await buildFile(db, school, 'pickup_photo');
    const [p] = await db
      .update(pickupPersons)
      .set({ photoFileId: photo.fileId })
      .where(eq(pickupPersons.studentId, paper.studentId))
      .returning({ personId: pickupPersons.personId });
    photoPerson[where] = { studentId: paper.studentId, personId: p?.personId as string };
  }
  const cursor = new Map<string, number>();
  const take: Extra['take'] = (pool, where) => {
    const key = `${pool}:${where}`;
    const i = cursor.get(key) ?? 0;
    cursor.set(key, i + 1);
    const list = pools.get(key) ?? [];
    return list[i % list.length] as string;
  };
  return { open, take, scanApp, photoPerson };
}

const everyone = { own: 200, otherSchool: 200, otherRegion: 200 };
const body = (_w: World, where: Where, e: Extra) => ({
  termId: e.open[where].termId,
  noticeVersion: 1,
  weekdays: [1, 2],
  departureBatch: '第一批',
  extendedCustody: false,
  mayLeaveAlone: false,
  pickupPersons: [{ name: '王丽华', relation: '母亲', phone: '13910000001' }],
  consent: true,
});
const childOf = (w: World, where: Where) => (where === 'own' ? w.guardianChild : w.child[where]);

export const cases: Case<Extra>[] = [
  {
    name: 'GET /api/guardian/applications (own children by construction)',
    request: () => ({ method: 'GET', url: '/api/guardian/applications' }),
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
      ).map((w) => [w, everyone]),
    ),
  },
  {
    name: 'GET /api/guardian/application-form (the notice’s choices and own children only)',
    request: (w, where, _n, e) => ({
      method: 'GET',
      url: `/api/guardian/application-form?schoolCode=${w.school[where].code}&termCode=${e.open[where].termCode}`,
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
      ).map((w) => [w, everyone]),
    ),
  },
  {
    name: 'GET a child’s applications',
    request: (w, where) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/students/${childOf(w, where)}/applications`,
    }),
    allowed: { school_admin: ownOnly(200), guardian: ownOnly(200) },
  },
  {
    name: 'GET another family’s child’s applications',
    request: (w) => ({
      method: 'GET',
      url: `/api/schools/${w.school.own.schoolId}/students/${w.otherFamilyChild}/applications`,
    }),
    allowed: { school_admin: { own: 200, otherSchool: 200, otherRegion: 200 } },
  },
  {
    name: 'POST an application for a child (the guardian only, online)',
    request: (w, where, _n, e) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/students/${where === 'own' ? e.take('freshChildren', 'own') : w.child[where]}/applications`,
      payload: body(w, where, e),
    }),
    allowed: { guardian: ownOnly(201) },
  },
  {
    name: 'POST an application for another family’s child',
    request: (w, _where, _n, e) => ({
      method: 'POST',
      url: `/api/schools/${w.school.own.schoolId}/students/${w.otherFamilyChild}/applications`,
      payload: body(w, 'own', e),
    }),
    allowed: {},
  },
  {
    name: 'POST withdraw',
    request: (w, where, _n, e) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/applications/${e.take('withdraw', where)}/withdraw`,
    }),
    allowed: { school_admin: ownOnly(200), guardian: ownOnly(200) },
  },
  {
    name: 'POST withdraw another family’s application',
    request: (w, _where, _n, e) => ({
      method: 'POST',
      url: `/api/schools/${w.school.own.schoolId}/applications/${e.take('otherFamilyWithdraw', 'own')}/withdraw`,
    }),
    allowed: { school_admin: { own: 200, otherSchool: 200, otherRegion: 200 } },
  },
  {
    name: 'POST a pickup person',
    request: (w, where, n) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/students/${childOf(w, where)}/pickup-persons`,
      payload: { name: '张三', relation: '爷爷', phone: `1372${String(n).padStart(7, '0')}` },
    }),
    allowed: { school_admin: ownOnly(201), guardian: ownOnly(201) },
  },
  {
    name: 'DELETE a pickup person',
    request: (w, where, _n, e) => ({
      method: 'DELETE',
      url: `/api/schools/${w.school[where].schoolId}/students/${e.take('persons', where)}`,
    }),
    allowed: { school_admin: ownOnly(204), guardian: ownOnly(204) },
  },
  {
    name: 'PUT a pickup person’s photo (permission before the upload is read)',
    request: (w, where, _n, e) => ({
      method: 'PUT',
      url: `/api/schools/${w.school[where].schoolId}/students/${e.photoPerson[where].studentId}/pickup-persons/${e.photoPerson[where].personId}/photo`,
      payload: {},
    }),
    allowed: { school_admin: ownOnly(400), guardian: ownOnly(400) },
  },
  {
    name: 'GET a pickup person’s photo',
    request: (w, where, _n, e) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/students/${e.photoPerson[where].studentId}/pickup-persons/${e.photoPerson[where].personId}/photo`,
    }),
    // The duty chief and the gate check who collects a child (F-13); the guardian their own child's.
    allowed: {
      school_admin: ownOnly(200),
      duty_chief: ownOnly(200),
      gate_guard: ownOnly(200),
      guardian: ownOnly(200),
    },
  },
  {
    name: 'GET the school’s applications',
    request: (w, where, _n, e) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/applications?termId=${e.open[where].termId}`,
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST approve',
    request: (w, where, _n, e) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/applications/approve`,
      payload: { applicationIds: [e.take('approve', where)] },
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST waitlist',
    request: (w, where, _n, e) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/applications/waitlist`,
      payload: { applicationIds: [e.take('waitlist', where)], reason: '场地已满' },
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST a paper application (permission before the upload is read)',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/applications/paper`,
      payload: {},
    }),
    allowed: { school_admin: ownOnly(400) },
  },
  {
    name: 'GET a paper application’s scan (the school office only)',
    request: (w, where, _n, e) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/applications/${e.scanApp[where]}/scan`,
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'GET the coverage gap of a region (C 应托尽托, counts only)',
    request: (w, where, _n, e) => ({
      method: 'GET',
      url: `/api/regions/${w.county[where].id}/application-gaps?termCode=${encodeURIComponent(e.open[where].termCode)}`,
    }),
    allowed: { cityBureau: cityWide(200), bureau: ownOnly(200) },
  },
];

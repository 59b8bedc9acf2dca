// Who may do what at the gate (F-13, F-14): the pickup code and today's batch for the child's own
// guardian only; look-up, verify, release and call for the office, the duty chief, the gate and a
// care teacher (own groups); custody for the office, the duty chief and a care teacher; nobody of
// another school. The gate guard sees no phone number in full; a care teacher sees the photos of
// their children's pickup persons and nobody else's child.
import { and, eq } from 'drizzle-orm';
import { type Case, ownOnly, type Where, type World } from '../../../../test/authorization.js';
import { placeInGroup, prepareDailyWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { buildEnrollment, buildFile, buildStudent, buildUser } from '../../../../test/factories.js';
import { giveCode } from '../../../../test/pickup-codes.js';
import type { Db } from '../../../db/connect.js';
import { childDayEvents, pickupPersons, plans } from '../../../db/schema.js';

type Pool = 'release' | 'call' | 'custody';

export interface Extra {
  codes: Record<Where, { studentId: string; code: string }>;
  take: (pool: Pool, where: Where, w: World) => { studentId: string; personId: string };
  photoPersonId: string;
  otherFamilyPersonId: string;
}

const staffWithTeacher = {
  school_admin: ownOnly(200),
  duty_chief: ownOnly(200),
  gate_guard: ownOnly(200),
  care_teacher: ownOnly(200),
};
const created = (roles: string[]) => Object.fromEntries(roles.map((r) => [r, ownOnly(201)]));

export const day = (w: World, where: Where) =>
  `/api/schools/${w.school[where].schoolId}/days/${SERVICE_DATE}`;

export async function prepare(db: Db, world: World): Promise<Extra> {
  const daily = await prepareDailyWorld(db, world);
  const school = world.school.own;
  const [plan] = await db.select().from(plans).where(eq(plans.planId, world.plan.own));
  if (!plan) throw new Error('no plan');
  const pools = new Map<Pool, { studentId: string; personId: string }[]>();
  // Children of the care teacher's group, present, each with a pickup person: one per allowed request.
  for (const pool of ['release', 'call', 'custody'] as const) {
    const list: { studentId: string; personId: string }[] = [];
    // Every actor of the matrix takes one at the own school (a refused one is not used up, but taken).
    for (let i = 0; i < 8; i++) {
      const student = await buildStudent(db, school);
      const { enrollment } = await buildEnrollment(db, school, {
        termId: plan.termId,
        planId: plan.planId,
        studentId: student.studentId,
        guardianUserId: (await buildUser(db)).id,
        extendedCustody: pool === 'custody',
      });
      await placeInGroup(
        db,
        school,
        { groupId: daily.group.mine, termId: plan.termId, weekday: 1 },
        enrollment.enrollmentId,
      );
      const [person] = await db
        .insert(pickupPersons)
        .values({
          schoolId: school.schoolId,
          studentId: student.studentId,
          name: '接送人',
          relation: '父亲',
          phone: '13712345678',
        })
        .returning();
      await db.insert(childDayEvents).values({
        schoolId: school.schoolId,
        serviceDate: SERVICE_DATE,
        studentId: student.studentId,
        enrollmentId: enrollment.enrollmentId,
        kind: 'mark',
        mark: 'present',
        at: new Date(`${SERVICE_DATE}T15:20:00+08:00`),
      });
      list.push({ studentId: student.studentId, personId: person?.personId as string });
    }
    pools.set(pool, list);
  }
  // Codes of the day: the own school's child.own (in the care teacher's group); elsewhere their child.
  const codes = {} as Extra['codes'];
  for (const where of ['own', 'otherSchool', 'otherRegion'] as const) {
    const studentId = world.child[where];
    const code = await giveCode(db, {
      schoolId: world.school[where].schoolId,
      date: SERVICE_DATE,
      studentId,
    });
    codes[where] = { studentId, code };
  }
  const photo = await buildFile(db, school, 'pickup_photo');
  await db
    .update(pickupPersons)
    .set({ photoFileId: photo.fileId })
    .where(
      and(eq(pickupPersons.schoolId, school.schoolId), eq(pickupPersons.personId, daily.pickupPersonId)),
    );
  const [otherFamilyPerson] = await db
    .insert(pickupPersons)
    .values({
      schoolId: school.schoolId,
      studentId: world.otherFamilyChild,
      name: '别家接送人',
      relation: '母亲',
      phone: '13798765432',
      photoFileId: photo.fileId,
    })
    .returning();
  const cursor = new Map<Pool, number>();
  return {
    codes,
    take: (pool, where, w) => {
      if (where !== 'own') return { studentId: w.child[where], personId: crypto.randomUUID() };
      const i = cursor.get(pool) ?? 0;
      cursor.set(pool, i + 1);
      const item = pools.get(pool)?.[i];
      if (!item) throw new Error(`pool ${pool} is empty`);
      return item;
    },
    photoPersonId: daily.pickupPersonId,
    otherFamilyPersonId: otherFamilyPerson?.personId as string,
  };
}

export const cases: Case<Extra>[] = [
  {
    name: 'GET the pickup code of the guardian’s own child',
    request: (w, where) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/students/${where === 'own' ? w.guardianChild : w.child[where]}/pickup-code`,
    }),
    allowed: { guardian: ownOnly(200) },
  },
  {
    name: 'GET the pickup code of another family’s child',
    request: (w, where) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/students/${where === 'own' ? w.otherFamilyChild : w.child[where]}/pickup-code`,
    }),
    allowed: {},
  },
  {
    name: 'PUT today’s batch',
    request: (w, where) => ({
      method: 'PUT',
      url: `/api/schools/${w.school[where].schoolId}/students/${where === 'own' ? w.guardianChild : w.child[where]}/batch`,
      payload: { batch: '第二批' },
    }),
    allowed: { guardian: ownOnly(200) },
  },
  {
    name: 'POST pickup/lookup',
    request: (w, where, _n, e) => ({
      method: 'POST',
      url: `${day(w, where)}/pickup/lookup`,
      payload: { code: e.codes[where].code },
    }),
    allowed: staffWithTeacher,
  },
  {
    name: 'POST pickup/verify',
    request: (w, where, _n, e) => ({
      method: 'POST',
      url: `${day(w, where)}/pickup/verify`,
      payload: { studentId: e.codes[where].studentId, code: e.codes[where].code },
    }),
    allowed: staffWithTeacher,
  },
  {
    name: 'GET pickup/children/:studentId',
    request: (w, where) => ({
      method: 'GET',
      url: `${day(w, where)}/pickup/children/${w.child[where]}`,
    }),
    allowed: staffWithTeacher,
  },
  {
    name: 'POST releases',
    request: (w, where, _n, e) => {
      const c = e.take('release', where, w);
      return {
        method: 'POST',
        url: `${day(w, where)}/releases`,
        payload: {
          studentId: c.studentId,
          method: 'listed_person',
          pickupPersonId: c.personId,
          identityCheck: { method: 'id_document' },
          confirmEarly: true,
          deviceId: 'm',
        },
      };
    },
    allowed: created(['school_admin', 'duty_chief', 'gate_guard', 'care_teacher']),
  },
  {
    name: 'POST calls',
    request: (w, where, _n, e) => ({
      method: 'POST',
      url: `${day(w, where)}/calls`,
      payload: { studentId: e.take('call', where, w).studentId },
    }),
    allowed: created(['school_admin', 'duty_chief', 'gate_guard', 'care_teacher']),
  },
  {
    name: 'POST custody',
    request: (w, where, _n, e) => ({
      method: 'POST',
      url: `${day(w, where)}/custody`,
      payload: { studentId: e.take('custody', where, w).studentId },
    }),
    allowed: created(['school_admin', 'duty_chief', 'care_teacher']),
  },
  {
    name: 'GET a pickup person’s photo of a child in the care teacher’s group',
    request: (w, where, _n, e) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/students/${where === 'own' ? w.guardianChild : w.child[where]}/pickup-persons/${e.photoPersonId}/photo`,
    }),
    allowed: {
      school_admin: ownOnly(200),
      duty_chief: ownOnly(200),
      gate_guard: ownOnly(200),
      care_teacher: ownOnly(200),
      guardian: ownOnly(200),
    },
  },
  {
    name: 'GET a pickup person’s photo of a child in another group',
    request: (w, where, _n, e) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/students/${where === 'own' ? w.otherFamilyChild : w.child[where]}/pickup-persons/${e.otherFamilyPersonId}/photo`,
    }),
    allowed: { school_admin: ownOnly(200), duty_chief: ownOnly(200), gate_guard: ownOnly(200) },
  },
];

// Who may call the roll and record absence follow-ups (F-11, F-12): the school admin and the duty
// chief on every child of their school (A 三.6), a care teacher on the groups they lead only — another
// group's child is "not found" — nobody else (the gate guard, guardians, the bureau), nobody of
// another school.
import { randomUUID } from 'node:crypto';
import { type Case, ownOnly, type Where, type World } from '../../../../test/authorization.js';
import { type DailyMatrixExtra, prepareDailyWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import type { Db } from '../../../db/connect.js';
import { childDayEvents } from '../../../db/schema.js';

const AT = `${SERVICE_DATE}T15:29:00+08:00`;
const day = (w: World, where: Where) => `/api/schools/${w.school[where].schoolId}/days/${SERVICE_DATE}`;
// The own school's child in the care teacher's group, or the other schools' children.
const mineChild = (w: World, where: Where) => (where === 'own' ? w.guardianChild : w.child[where]);
const otherGroupChild = (w: World, where: Where) => (where === 'own' ? w.otherFamilyChild : w.child[where]);

const markers = {
  school_admin: ownOnly(200),
  duty_chief: ownOnly(200),
  care_teacher: ownOnly(200),
};
const wholeSchool = {
  school_admin: ownOnly(200),
  duty_chief: ownOnly(200),
  care_teacher: ownOnly(404),
};
// Every allowed actor sends the same follow-up id: the first stores it, the others get the replay.
const followUpIds = { mine: randomUUID(), other: randomUUID() };
const followUp = (id: string) => ({
  id,
  contactPerson: '母亲',
  result: '已联系上',
  reason: '病假',
  at: AT,
});

export const cases: Case<DailyMatrixExtra>[] = [
  {
    name: 'GET roll call',
    request: (w, where) => ({ method: 'GET', url: `${day(w, where)}/roll-call` }),
    allowed: markers,
  },
  {
    name: 'GET roll call of the other group',
    request: (w, where, _n, x) => ({
      method: 'GET',
      url: `${day(w, where)}/roll-call?groupId=${x.group.other}`,
    }),
    // Other schools' actors are refused before the group is looked for.
    allowed: wholeSchool,
  },
  {
    name: 'POST marks for a child of the teacher’s group',
    request: (w, where) => ({
      method: 'POST',
      url: `${day(w, where)}/marks`,
      payload: {
        marks: [
          {
            id: randomUUID(),
            studentId: mineChild(w, where),
            mark: 'present',
            basedOn: null,
            at: AT,
            deviceId: 'm',
          },
        ],
      },
    }),
    allowed: markers,
  },
  {
    name: 'POST marks for a child of another group',
    request: (w, where) => ({
      method: 'POST',
      url: `${day(w, where)}/marks`,
      payload: {
        marks: [
          {
            id: randomUUID(),
            studentId: otherGroupChild(w, where),
            mark: 'present',
            basedOn: null,
            at: AT,
            deviceId: 'm',
          },
        ],
      },
    }),
    allowed: wholeSchool,
  },
  {
    name: 'POST follow-up for an absent child of the teacher’s group',
    request: (w, where) => ({
      method: 'POST',
      url: `${day(w, where)}/students/${mineChild(w, where)}/follow-up`,
      payload: followUp(followUpIds.mine),
    }),
    allowed: markers,
  },
  {
    name: 'POST follow-up for an absent child of another group',
    request: (w, where) => ({
      method: 'POST',
      url: `${day(w, where)}/students/${otherGroupChild(w, where)}/follow-up`,
      payload: followUp(followUpIds.other),
    }),
    allowed: wholeSchool,
  },
];

export async function prepare(db: Db, world: World): Promise<DailyMatrixExtra> {
  const extra = await prepareDailyWorld(db, world);
  // Both own-school children were marked absent at 15:10 by the duty chief, so each has an open
  // follow-up. The marks cases send `basedOn: null` against that absence: an allowed actor gets 200
  // with a conflict and nothing changes, so the follow-ups are still open for the follow-up cases.
  await db.insert(childDayEvents).values(
    [world.guardianChild, world.otherFamilyChild].map((studentId) => ({
      schoolId: world.school.own.schoolId,
      serviceDate: SERVICE_DATE,
      studentId,
      enrollmentId: extra.enrollment[studentId] as string,
      kind: 'mark' as const,
      mark: 'absent' as const,
      at: new Date(`${SERVICE_DATE}T15:10:00+08:00`),
      byUser: world.staffUserId.duty_chief,
    })),
  );
  return extra;
}

// Who may ask, read and cancel leave (F-11): a guardian for their own child only (not another family's
// child at the same school); the school admin records one for any child of the school; the duty chief
// reads any child's (they reach the roll call), the care teacher only those of the groups they lead;
// nobody of another school, not the gate guard, not the bureau.
import { type Case, ownOnly, type Where, type World } from '../../../../test/authorization.js';
import { type DailyMatrixExtra, prepareDailyWorld } from '../../../../test/daily-world.js';
import type { Db } from '../../../db/connect.js';
import { leaveRequests } from '../../../db/schema.js';
import { addDays, weekdayOf } from '../../../domain/dates.js';

export interface Extra extends DailyMatrixExtra {
  leave: { mine: string; other: string };
}

// Single service days (weekdays of the term after the fake clock's Monday, without 1 January): each
// request asks a different one, so two allowed requests never overlap.
const DATES: string[] = [];
for (let d = '2026-12-01'; DATES.length < 40; d = addDays(d, 1)) {
  if (weekdayOf(d) <= 5 && d !== '2027-01-01') DATES.push(d);
}
const dateFor = (n: number) => DATES[n % DATES.length] as string;

const student = (w: World, where: Where, family: 'own' | 'other') =>
  `/api/schools/${w.school[where].schoolId}/students/${
    where === 'own' ? (family === 'own' ? w.guardianChild : w.otherFamilyChild) : w.child[where]
  }/leave-requests`;

const staffReaders = { school_admin: ownOnly(200), duty_chief: ownOnly(200), care_teacher: ownOnly(200) };

export const cases: Case<Extra>[] = [
  {
    name: 'GET own child’s leave',
    request: (w, where) => ({ method: 'GET', url: student(w, where, 'own') }),
    allowed: { ...staffReaders, guardian: ownOnly(200) },
  },
  {
    // The care teacher actor leads the group of the guardian's child, not this child's (issue 13.6).
    name: 'GET leave of a child of another teacher’s group',
    request: (w, where) => ({ method: 'GET', url: student(w, where, 'other') }),
    allowed: { school_admin: ownOnly(200), duty_chief: ownOnly(200) },
  },
  {
    name: 'POST leave for own child',
    request: (w, where, n) => ({
      method: 'POST',
      url: student(w, where, 'own'),
      payload: { fromDate: dateFor(n), toDate: dateFor(n), reason: '看病' },
    }),
    allowed: { school_admin: ownOnly(200), guardian: ownOnly(200) },
  },
  {
    name: 'POST leave for another family’s child',
    request: (w, where, n) => ({
      method: 'POST',
      url: student(w, where, 'other'),
      payload: { fromDate: dateFor(n), toDate: dateFor(n), reason: '看病' },
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'POST cancel own child’s leave',
    request: (w, where, _n, x) => ({
      method: 'POST',
      url: `${student(w, where, 'own')}/${x.leave.mine}/cancel`,
    }),
    allowed: { school_admin: ownOnly(200), guardian: ownOnly(200) },
  },
  {
    name: 'POST cancel another family’s child’s leave',
    request: (w, where, _n, x) => ({
      method: 'POST',
      url: `${student(w, where, 'other')}/${x.leave.other}/cancel`,
    }),
    allowed: { school_admin: ownOnly(200) },
  },
];

export async function prepare(db: Db, world: World): Promise<Extra> {
  const extra = await prepareDailyWorld(db, world);
  const leave = async (studentId: string, requestedBy: string) => {
    const [row] = await db
      .insert(leaveRequests)
      .values({
        schoolId: world.school.own.schoolId,
        studentId,
        fromDate: '2027-01-21',
        toDate: '2027-01-21',
        reason: '回老家',
        requestedBy,
        requestedAt: new Date('2026-11-29T02:00:00Z'),
      })
      .returning();
    return row?.leaveId as string;
  };
  return {
    ...extra,
    leave: {
      mine: await leave(world.guardianChild, world.guardianUserId),
      other: await leave(world.otherFamilyChild, world.otherFamilyUserId),
    },
  };
}

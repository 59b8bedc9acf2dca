// The audit log list (F-26) names each entry's target in words (issue 13.9): the child with the class,
// the person, the school, the term, the roster's day and group…, resolved in the same statement as
// the page, so a page of 50 entries costs what a page of 1 does.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type SignedIn, signIn, TEST_SECRET, type TestApp } from '../../../../test/app.js';
import { markChildren } from '../../../../test/bulk-day.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { appRoleDatabase } from '../../../../test/db.js';
import { buildStaff } from '../../../../test/factories.js';
import { classes, pickupPersons, students, users } from '../../../db/schema.js';
import { buildApp } from '../../app.js';
import { recordAudit } from '../../audit.js';
import type { AuditListEntry } from './schemas.js';

let t: TestApp;
let world: DayWorld;
let admin: SignedIn;
let items: AuditListEntry[];

const child = (i: number) => {
  const c = world.children[i];
  if (!c) throw new Error(`no child ${i}`);
  return c;
};

async function nameOf(studentId: string) {
  const [row] = await t.database.db
    .select({ name: students.name, grade: classes.grade, className: classes.name })
    .from(students)
    .innerJoin(classes, and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId)))
    .where(eq(students.studentId, studentId));
  if (!row) throw new Error('no student');
  return row;
}

async function displayName(userId: string) {
  const [row] = await t.database.db
    .select({ name: users.displayName })
    .from(users)
    .where(eq(users.id, userId));
  return row?.name;
}

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildDayWorld(t.database.db, { groups: 1, perGroup: 3 });
  await markChildren(t.database.db, world, world.children);
  admin = await signIn(t, world.users.admin);
  const gate = await signIn(t, world.users.gateGuard);
  const day = `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}`;
  const guardian = await signIn(t, child(0).guardianUserId);
  const viewed = await guardian.request({
    method: 'GET',
    url: `/api/schools/${world.school.schoolId}/students/${child(0).studentId}/pickup-code`,
  });
  expect(viewed.statusCode, viewed.body).toBe(200);
  const released = await gate.request({
    method: 'POST',
    url: `${day}/releases`,
    payload: {
      studentId: child(0).studentId,
      method: 'listed_person',
      pickupPersonId: child(0).pickupPersonId,
      identityCheck: { method: 'id_document' },
      confirmEarly: true,
      deviceId: 'gate-east',
    },
    remoteAddress: '10.0.0.8',
  });
  expect(released.statusCode, released.body).toBe(201);
  const called = await gate.request({
    method: 'POST',
    url: `${day}/calls`,
    payload: { studentId: child(1).studentId, deviceId: 'gate-west' },
  });
  expect(called.statusCode, called.body).toBe(201);
  const printed = await admin.request({
    method: 'POST',
    url: `/api/schools/${world.school.schoolId}/terms/${world.termId}/roster/print?weekday=1&groupId=${world.groups[0]?.groupId}`,
  });
  expect(printed.statusCode, printed.body).toBe(204);
  // Records of the other kinds of object, as their features write them.
  const staff = await buildStaff(t.database.db, world.school, { name: '王老师' });
  const [person] = await t.database.db
    .select()
    .from(pickupPersons)
    .where(eq(pickupPersons.personId, child(2).pickupPersonId));
  const base = {
    actorUserId: world.users.admin,
    schoolId: world.school.schoolId,
    regionId: world.school.regionId,
  };
  const meta = { ip: '127.0.0.1', userAgent: 'vitest' };
  await recordAudit(t.database.db, meta, {
    ...base,
    action: 'plan.approve',
    objectType: 'plan',
    objectId: world.planId,
  });
  await recordAudit(t.database.db, meta, {
    ...base,
    action: 'staff.update',
    objectType: 'staff',
    objectId: staff.staffId,
  });
  await recordAudit(t.database.db, meta, {
    ...base,
    action: 'pickup_person.remove',
    objectType: 'pickup_person',
    objectId: person?.personId,
    details: { studentId: child(2).studentId },
  });
  await recordAudit(t.database.db, meta, {
    ...base,
    action: 'leave.request',
    objectType: 'leave_request',
    objectId: crypto.randomUUID(),
    details: { studentId: child(2).studentId },
  });
  await recordAudit(t.database.db, meta, {
    ...base,
    action: 'school.update',
    objectType: 'school',
    objectId: world.school.schoolId,
  });
  await recordAudit(t.database.db, meta, {
    ...base,
    action: 'day.close',
    objectType: 'day',
    details: { date: SERVICE_DATE },
  });
  await recordAudit(t.database.db, meta, {
    ...base,
    action: 'auth.login_failed',
    objectType: 'login',
    objectId: 'someone.typed',
  });
  const res = await admin.request({
    method: 'GET',
    url: `/api/audit?schoolId=${world.school.schoolId}&pageSize=50`,
  });
  expect(res.statusCode, res.body).toBe(200);
  items = res.json().items;
});
afterAll(async () => {
  await t?.close();
});

const entry = (action: string) => {
  const found = items.find((i) => i.action === action);
  if (!found) throw new Error(`no ${action} in ${items.map((i) => i.action).join(', ')}`);
  return found;
};

describe('the audit list names actions’ targets in words (issue 13.9)', () => {
  it('a release: the child with the class, who released, from which address and device', async () => {
    expect(entry('departure.release')).toMatchObject({
      actorName: await displayName(world.users.gateGuard),
      objectType: 'student',
      target: { kind: 'student', ...(await nameOf(child(0).studentId)) },
      ip: '10.0.0.8',
      device: 'gate-east',
      // Issue 14.4: how the gate checked the person, and that the early release was confirmed.
      release: {
        method: 'listed_person',
        identityCheck: { method: 'id_document', last4: null },
        early: { batchTime: '17:00', minutesEarly: expect.any(Number) },
      },
    });
    expect(entry('departure.call')).toMatchObject({
      target: { kind: 'student', ...(await nameOf(child(1).studentId)) },
      device: 'gate-west',
    });
  });

  it('a guardian’s view of the pickup code, and a print of the roster with its day and group', async () => {
    expect(entry('pickup.code_view')).toMatchObject({
      actorName: await displayName(child(0).guardianUserId),
      target: { kind: 'student', name: (await nameOf(child(0).studentId)).name },
      device: 'lightMyRequest',
    });
    expect(entry('roster.print').target).toEqual({
      kind: 'roster',
      term: '2026–2027学年第一学期',
      weekday: 1,
      group: '1组',
    });
  });

  it('every other kind of object by its name: plan, staff, pickup person, leave, school, day, sign-in', async () => {
    expect(entry('plan.approve').target).toEqual({
      kind: 'plan',
      school: world.school.name,
      term: '2026–2027学年第一学期',
    });
    expect(entry('staff.update').target).toEqual({ kind: 'person', name: '王老师' });
    expect(entry('pickup_person.remove').target).toEqual({
      kind: 'pickup_person',
      name: '接送人3',
      relation: '父亲',
      student: (await nameOf(child(2).studentId)).name,
    });
    expect(entry('leave.request').target).toMatchObject({
      kind: 'student',
      name: (await nameOf(child(2).studentId)).name,
    });
    expect(entry('school.update').target).toEqual({ kind: 'school', name: world.school.name });
    expect(entry('day.close').target).toEqual({ kind: 'date', date: SERVICE_DATE });
    expect(entry('auth.login_failed').target).toEqual({ kind: 'login', name: 'someone.typed' });
    // No entry is left without words for its object, nor shows a raw id for one.
    for (const item of items) expect(item.target, item.action).not.toBeNull();
  });

  it('resolves the targets in the page’s own statement: 1 entry or 50 cost the same queries', async () => {
    const database = appRoleDatabase(t.database);
    const app = await buildApp({ database, secret: TEST_SECRET, clock: t.clock, webRoot: null });
    try {
      const queries = vi.spyOn(database.pool, 'query');
      const count = async (pageSize: number) => {
        queries.mockClear();
        const res = await app.inject({
          method: 'GET',
          url: `/api/audit?schoolId=${world.school.schoolId}&pageSize=${pageSize}`,
          headers: { cookie: admin.cookie },
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().items).toHaveLength(Math.min(pageSize, items.length));
        return queries.mock.calls.length;
      };
      const one = await count(1);
      expect(one).toBeGreaterThan(0);
      expect(items.length).toBeGreaterThanOrEqual(10);
      expect(await count(50)).toBe(one);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

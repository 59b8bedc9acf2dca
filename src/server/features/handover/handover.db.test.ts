// 交接班 (F-15, B 六(三)) against PostgreSQL: the expected head-count comes from the day's marks, a
// different count is stored only with the discrepancy written, a care teacher records only for the
// groups they lead, and nothing is recorded on a day that is not a service day or already closed.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { dayEvents } from '../../../../test/day-events.js';
import { buildStaff } from '../../../../test/factories.js';
import { dayClosures, handovers, leaveRequests } from '../../../db/schema.js';

let t: TestApp;
let world: DayWorld;
let teacher: SignedIn;
let otherTeacher: SignedIn;
let chief: SignedIn;

const url = (date = SERVICE_DATE) => `/api/schools/${world.school.schoolId}/days/${date}/handovers`;
const stored = async () =>
  t.database.db.select().from(handovers).where(eq(handovers.schoolId, world.school.schoolId));

function child(group: number, index: number) {
  const id = world.groups[group]?.studentIds[index];
  const c = world.children.find((x) => x.studentId === id);
  if (!c) throw new Error('no child');
  return c;
}

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildDayWorld(t.database.db, { groups: 2, perGroup: 5, extendedCustody: 10 });
  teacher = await signIn(t, world.users.teachers[0] ?? '');
  otherTeacher = await signIn(t, world.users.teachers[1] ?? '');
  chief = await signIn(t, world.users.dutyChief);
  const db = t.database.db;
  const custodian = await buildStaff(db, world.school, { name: '托管老师' });
  // Group 1: one absent, one on the guardian's leave, one present, one late, one not marked yet.
  await dayEvents(db, world, child(0, 0), [{ kind: 'mark', mark: 'absent' }]);
  await db.insert(leaveRequests).values({
    schoolId: world.school.schoolId,
    studentId: child(0, 1).studentId,
    fromDate: SERVICE_DATE,
    toDate: SERVICE_DATE,
    reason: '看牙',
    requestedBy: child(0, 1).guardianUserId,
    requestedAt: new Date('2026-11-30T00:30:00Z'),
  });
  await dayEvents(db, world, child(0, 2), [{ kind: 'mark', mark: 'present' }]);
  await dayEvents(db, world, child(0, 3), [{ kind: 'mark', mark: 'late' }]);
  // Group 2: all present; one released, one in extended custody, one called to the gate.
  for (let i = 0; i < 5; i++) await dayEvents(db, world, child(1, i), [{ kind: 'mark', mark: 'present' }]);
  await dayEvents(db, world, child(1, 0), [{ kind: 'release' }]);
  await dayEvents(db, world, child(1, 1), [{ kind: 'custody', staffId: custodian.staffId }]);
  await dayEvents(db, world, child(1, 2), [{ kind: 'call' }]);
});
afterAll(async () => {
  await t?.close();
});

describe('expected head-counts', () => {
  it('shows a care teacher their own group only, with the counts expected at the start and the end', async () => {
    const res = await teacher.request({ method: 'GET', url: url() });
    expect(res.statusCode, res.body).toBe(200);
    const day = res.json();
    expect(day.groups).toEqual([
      expect.objectContaining({ groupId: world.groups[0]?.groupId, expected: { start: 3, end: 2 } }),
    ]);
    expect(day.wholeSchool).toBeNull();
    expect(day.dutyChief).toEqual({ name: '值日总护导' });
    expect(day.closed).toBe(false);
  });

  it('shows the duty chief every group and the whole school', async () => {
    const day = (await chief.request({ method: 'GET', url: url() })).json();
    expect(day.groups.map((g: { expected: unknown }) => g.expected)).toEqual([
      { start: 3, end: 2 },
      // released and in custody came; at the end custody and the called child are still in care
      { start: 5, end: 4 },
    ]);
    expect(day.wholeSchool).toEqual({ start: 8, end: 6 });
  });

  it('proposes the rota’s people, not the one signed in: the group’s teacher and the day’s duty chief', async () => {
    // Signed in as the duty chief; a group's start is taken over by its teacher, its end by the chief.
    const day = (await chief.request({ method: 'GET', url: url() })).json();
    const group = day.groups[0];
    expect(group.teacherName).toEqual(expect.any(String));
    expect(group.parties).toEqual({
      start: { from: null, to: group.teacherName },
      end: { from: group.teacherName, to: '值日总护导' },
    });
    expect(day.wholeSchoolParties).toEqual({
      start: { from: null, to: '值日总护导' },
      end: { from: null, to: '值日总护导' },
    });
    // The care teacher sees the same names for their group, and no whole-school handover.
    const own = (await teacher.request({ method: 'GET', url: url() })).json();
    expect(own.groups[0].parties).toEqual(group.parties);
    expect(own.wholeSchoolParties).toBeNull();
  });
});

describe('recording a handover', () => {
  it('stores a matching count with the expected count the server computed', async () => {
    const res = await teacher.request({
      method: 'POST',
      url: url(),
      payload: {
        stage: 'start',
        groupId: world.groups[0]?.groupId,
        fromName: ' 一(1)班 李老师 ',
        toName: '本组看护老师',
        countedCount: 3,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      stage: 'start',
      groupName: '1组',
      fromName: '一(1)班 李老师',
      expectedCount: 3,
      countedCount: 3,
      discrepancies: null,
      recordedBy: { userId: world.users.teachers[0] },
    });
  });

  it('refuses a different count without a discrepancy note, and stores nothing', async () => {
    const before = (await stored()).length;
    const res = await teacher.request({
      method: 'POST',
      url: url(),
      payload: {
        stage: 'end',
        groupId: world.groups[0]?.groupId,
        fromName: '看护老师',
        toName: '值日总护导',
        countedCount: 1,
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'HANDOVER_DISCREPANCY_REQUIRED',
      details: { expectedCount: 2, countedCount: 1, fields: [{ path: 'body.discrepancies' }] },
    });
    expect(res.json().message).toContain('应交接 2 人');
    expect((await stored()).length).toBe(before);
  });

  it('stores a different count with the discrepancy written down', async () => {
    const res = await teacher.request({
      method: 'POST',
      url: url(),
      payload: {
        stage: 'end',
        groupId: world.groups[0]?.groupId,
        fromName: '看护老师',
        toName: '值日总护导',
        countedCount: 1,
        discrepancies: '迟到的学生在医务室，校医陪同',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ expectedCount: 2, countedCount: 1 });
    const rows = await t.database.db
      .select()
      .from(handovers)
      .where(and(eq(handovers.schoolId, world.school.schoolId), eq(handovers.stage, 'end')));
    expect(rows).toEqual([expect.objectContaining({ discrepancies: '迟到的学生在医务室，校医陪同' })]);
  });

  it('lets the duty chief record the whole school at the end; care teachers only their own group', async () => {
    const whole = await chief.request({
      method: 'POST',
      url: url(),
      payload: { stage: 'end', fromName: '看护老师们', toName: '值日总护导', countedCount: 6 },
    });
    expect(whole.statusCode, whole.body).toBe(201);
    expect(whole.json()).toMatchObject({ groupId: null, groupName: null, expectedCount: 6 });

    const noGroup = await teacher.request({
      method: 'POST',
      url: url(),
      payload: { stage: 'end', fromName: '看护老师', toName: '值日总护导', countedCount: 6 },
    });
    expect(noGroup.statusCode).toBe(403);
    const notMine = await otherTeacher.request({
      method: 'POST',
      url: url(),
      payload: {
        stage: 'start',
        groupId: world.groups[0]?.groupId,
        fromName: '班主任',
        toName: '看护老师',
        countedCount: 3,
      },
    });
    expect(notMine.statusCode).toBe(404);
    // The other teacher reads their own group's handovers only (none yet).
    const list = (await otherTeacher.request({ method: 'GET', url: url() })).json();
    expect(list.handovers).toEqual([]);
    expect((await chief.request({ method: 'GET', url: url() })).json().handovers).toHaveLength(3);
  });

  it('is done once when the phone sends it again with the same Idempotency-Key', async () => {
    const before = (await stored()).length;
    const send = () =>
      otherTeacher.request({
        method: 'POST',
        url: url(),
        headers: { 'idempotency-key': 'handover-retry-0001' },
        payload: {
          stage: 'start',
          groupId: world.groups[1]?.groupId,
          fromName: '班主任',
          toName: '看护老师',
          countedCount: 5,
        },
      });
    const answers = [await send(), await send(), await send()];
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().handoverId)).size).toBe(1);
    expect((await stored()).length).toBe(before + 1);
  });
});

describe('bad input', () => {
  it('refuses a date that is not a service day, a count below zero and an unknown field', async () => {
    const body = { stage: 'start', fromName: '班主任', toName: '看护老师', countedCount: 0 };
    const sunday = await chief.request({ method: 'POST', url: url('2026-11-29'), payload: body });
    expect(sunday.statusCode).toBe(409);
    expect(sunday.json()).toMatchObject({ error: 'NOT_A_SERVICE_DAY', details: { reason: 'weekend' } });
    expect((await chief.request({ method: 'GET', url: url('2026-10-01') })).json().error).toBe(
      'NOT_A_SERVICE_DAY',
    );
    const negative = await chief.request({
      method: 'POST',
      url: url(),
      payload: { ...body, countedCount: -1 },
    });
    expect(negative.statusCode).toBe(400);
    const extra = await chief.request({ method: 'POST', url: url(), payload: { ...body, expectedCount: 0 } });
    expect(extra.statusCode).toBe(400);
    const badDate = await chief.request({ method: 'GET', url: url('2026-02-30') });
    expect(badDate.statusCode).toBe(400);
  });

  it('refuses a handover once the day is closed (DAY_CLOSED), nothing stored', async () => {
    const db = t.database.db;
    // Tuesday is a service day of the sample plan too; close it straight in storage.
    const tuesday = '2026-12-01';
    await db.insert(dayClosures).values({
      schoolId: world.school.schoolId,
      serviceDate: tuesday,
      closedBy: world.users.dutyChief,
      closedAt: new Date('2026-12-01T11:00:00Z'),
      summary: {},
    });
    const before = (await stored()).length;
    const res = await chief.request({
      method: 'POST',
      url: url(tuesday),
      payload: { stage: 'end', fromName: '看护老师', toName: '值日总护导', countedCount: 0 },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toBe('DAY_CLOSED');
    expect((await stored()).length).toBe(before);
    expect((await chief.request({ method: 'GET', url: url(tuesday) })).json().closed).toBe(true);
  });
});

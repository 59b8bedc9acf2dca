// Roll call (F-11), corrections, stale offline writes and absence follow-up (F-12) against PostgreSQL
// through the real app: Monday 2026-11-30, the fake clock at 15:30 in Shanghai.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import {
  childDayEvents,
  dayClosures,
  leaveRequests,
  notifications,
  staff,
  users,
} from '../../../db/schema.js';
import { escalateDueFollowUps } from './escalation.js';
import type { MarksResult, RollCallView } from './schemas.js';

let t: TestApp;
let world: DayWorld;
let teacher: SignedIn;
let otherTeacher: SignedIn;
let chief: SignedIn;
let admin: SignedIn;
let gate: SignedIn;

const at = (hhmm: string, date = SERVICE_DATE) => `${date}T${hhmm}:00+08:00`;

function mark(
  studentId: string,
  value: 'present' | 'late' | 'absent' | 'leave',
  basedOn: string | null = null,
  time = at('15:31'),
) {
  return { id: randomUUID(), studentId, mark: value, basedOn, at: time, deviceId: 'phone-1' };
}

async function post(who: SignedIn, marks: unknown[], date = SERVICE_DATE, key?: string) {
  return who.request({
    method: 'POST',
    url: `/api/schools/${world.school.schoolId}/days/${date}/marks`,
    payload: { marks },
    headers: key ? { 'idempotency-key': key } : {},
  });
}

async function rollCall(who: SignedIn, date = SERVICE_DATE, query = '') {
  return who.request({
    method: 'GET',
    url: `/api/schools/${world.school.schoolId}/days/${date}/roll-call${query}`,
  });
}

async function eventCount(studentId?: string) {
  const rows = await t.database.db
    .select({ id: childDayEvents.eventId })
    .from(childDayEvents)
    .where(
      and(
        eq(childDayEvents.schoolId, world.school.schoolId),
        studentId ? eq(childDayEvents.studentId, studentId) : undefined,
      ),
    );
  return rows.length;
}

const group = (g: number) => world.groups[g] as DayWorld['groups'][number];
const kid = (g: number, i: number) => group(g).studentIds[i] as string;

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildDayWorld(t.database.db, { groups: 2, perGroup: 30, extendedCustody: 1 });
  // 16:00 in Shanghai: the roll call of 15:31 has been made, the follow-ups are not yet due.
  t.clock.advance(30 * 60_000);
  const [g0, g1] = world.groups;
  if (!g0 || !g1) throw new Error('world');
  teacher = await signIn(t, g0.teacherUserId);
  otherTeacher = await signIn(t, g1.teacherUserId);
  chief = await signIn(t, world.users.dutyChief);
  admin = await signIn(t, world.users.admin);
  gate = await signIn(t, world.users.gateGuard);
  // The first child's guardian has a phone, for the call button.
  const first = world.children[0];
  if (first) {
    await t.database.db.update(users).set({ phone: '13912345678' }).where(eq(users.id, first.guardianUserId));
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('roll call', () => {
  it('gives a care teacher their own group only, with full phones; the duty chief every group', async () => {
    const res = await rollCall(teacher);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as RollCallView;
    expect(view.scope).toBe('own_groups');
    expect(view.groups.map((g) => g.id)).toEqual([group(0).groupId]);
    // The header names the group and where it meets (the approved plan's venue, issue 14.11).
    expect(view.groups[0]?.venueName).toBe('一楼阅览室');
    expect(view.groups[0]?.children).toHaveLength(30);
    const first = view.groups[0]?.children.find((c) => c.studentId === kid(0, 0));
    expect(first).toMatchObject({ status: 'expected', markId: null, extendedCustody: true });
    expect(first?.guardians[0]?.phone).toBe('13912345678');

    const all = (await rollCall(chief)).json() as RollCallView;
    expect(all.scope).toBe('school');
    expect(all.groups).toHaveLength(2);
    expect(all.ungrouped).toEqual([]);
    expect((await rollCall(teacher, SERVICE_DATE, `?groupId=${group(1).groupId}`)).statusCode).toBe(404);
    expect((await rollCall(gate)).statusCode).toBe(403);
  });

  it('refuses a Sunday and a date before the unified start', async () => {
    const sunday = await rollCall(teacher, '2026-11-29');
    expect(sunday.statusCode).toBe(409);
    expect(sunday.json()).toMatchObject({ error: 'NOT_A_SERVICE_DAY', details: { reason: 'weekend' } });
    const early = await post(
      teacher,
      [mark(kid(0, 0), 'present', null, at('15:31', '2026-09-02'))],
      '2026-09-02',
    );
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: 'NOT_A_SERVICE_DAY', details: { reason: 'before_start' } });
    const sundayMark = await post(
      teacher,
      [mark(kid(0, 0), 'present', null, at('15:31', '2026-11-29'))],
      '2026-11-29',
    );
    expect(sundayMark.json()).toMatchObject({ error: 'NOT_A_SERVICE_DAY' });
    expect(await eventCount()).toBe(0);
  });

  it('takes "all present" and two absences for 30 children in one request, and tells the absent ones’ guardians', async () => {
    const ids = group(0).studentIds;
    const marks = ids.map((id, i) => mark(id, i === 3 || i === 7 ? 'absent' : 'present'));
    const res = await post(teacher, marks);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as MarksResult;
    expect(body.saved).toBe(30);
    expect(body.results.every((r) => r.status === 'saved')).toBe(true);
    expect(body.results[3]?.current).toEqual({ markId: marks[3]?.id, mark: 'absent' });

    const view = (await rollCall(teacher)).json() as RollCallView;
    const children = view.groups[0]?.children ?? [];
    expect(children.filter((c) => c.status === 'present')).toHaveLength(28);
    const absent = children.find((c) => c.studentId === ids[3]);
    expect(absent?.status).toBe('absent');
    expect(absent?.followUp?.state).toBe('open');
    expect(absent?.followUp?.dueAt).toBe('2026-11-30T08:01:00.000Z');
    expect(absent?.followUp?.openedAt).toBe('2026-11-30T07:31:00.000Z');
    expect(absent?.history).toEqual([
      expect.objectContaining({ id: marks[3]?.id, mark: 'absent', source: 'staff' }),
    ]);

    const guardian = world.children.find((c) => c.studentId === ids[3])?.guardianUserId as string;
    const messages = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, guardian));
    expect(messages).toHaveLength(1);
    expect(messages[0]?.kind).toBe('absence');
    expect((messages[0]?.body as { zh: string } | undefined)?.zh).toContain('孩子今天未到课后服务');
    // Sent at the request's clock (the demo clock in the demo), not the database's now() (issue 14.14).
    expect(messages[0]?.createdAt.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('keeps the previous mark in the history when corrected, and refuses a stale offline write', async () => {
    const child = kid(0, 5);
    const before = ((await rollCall(teacher)).json() as RollCallView).groups[0]?.children.find(
      (c) => c.studentId === child,
    );
    const firstId = before?.markId as string;
    // The duty chief corrects to late.
    const late = mark(child, 'late', firstId, at('15:40'));
    expect(((await post(chief, [late])).json() as MarksResult).results[0]?.status).toBe('saved');
    // The teacher's phone, offline since, still thinks the child is present and marks absent.
    const stale = mark(child, 'absent', firstId, at('15:38'));
    const res = await post(teacher, [stale]);
    expect(res.statusCode).toBe(200);
    const result = (res.json() as MarksResult).results[0];
    expect(result?.status).toBe('conflict');
    expect(result?.error).toMatchObject({
      code: 'MARK_CONFLICT',
      details: {
        yours: { id: stale.id, mark: 'absent', basedOn: firstId },
        current: { id: late.id, mark: 'late', byUser: world.users.dutyChief },
      },
    });
    expect(result?.current).toEqual({ markId: late.id, mark: 'late' });
    // A stale write that wants what is already there is no conflict.
    const same = await post(teacher, [mark(child, 'late', firstId, at('15:41'))]);
    expect((same.json() as MarksResult).results[0]?.status).toBe('unchanged');

    const after = ((await rollCall(teacher)).json() as RollCallView).groups[0]?.children.find(
      (c) => c.studentId === child,
    );
    expect(after?.mark).toBe('late');
    expect(after?.history.map((h) => h.mark)).toEqual(['present', 'late']);
    expect(after?.history[1]?.byName).not.toBeNull();
    expect(await eventCount(child)).toBe(2);
  });

  it('chains several marks of one child in one request (an offline queue)', async () => {
    const child = kid(1, 0);
    const a = mark(child, 'present', null, at('15:32'));
    const b = mark(child, 'absent', a.id, at('15:33'));
    const c = mark(child, 'late', b.id, at('15:45'));
    const res = (await post(otherTeacher, [a, b, c])).json() as MarksResult;
    expect(res.results.map((r) => r.status)).toEqual(['saved', 'saved', 'saved']);
    expect(res.results.every((r) => r.current.markId === c.id)).toBe(true);
    const view = ((await rollCall(otherTeacher)).json() as RollCallView).groups[0]?.children.find(
      (x) => x.studentId === child,
    );
    // The absence was corrected: its follow-up is cancelled.
    expect(view?.followUp?.state).toBe('cancelled');
  });

  it('answers a replayed mark as duplicate and stores nothing twice', async () => {
    const child = kid(1, 1);
    const m = mark(child, 'present');
    expect(((await post(otherTeacher, [m])).json() as MarksResult).results[0]?.status).toBe('saved');
    for (let i = 0; i < 3; i++) {
      const again = (await post(otherTeacher, [m])).json() as MarksResult;
      expect(again.results[0]).toMatchObject({
        status: 'duplicate',
        current: { markId: m.id, mark: 'present' },
      });
    }
    expect(await eventCount(child)).toBe(1);
  });

  it('refuses a mark id already used for another child or another day, storing nothing of the request', async () => {
    const first = mark(kid(1, 20), 'present');
    expect(((await post(otherTeacher, [first])).json() as MarksResult).results[0]?.status).toBe('saved');
    const before = await eventCount();
    // The same id sent for another child in another request, with a good mark beside it.
    const reused = { ...mark(kid(1, 21), 'present'), id: first.id };
    const res = await post(otherTeacher, [mark(kid(1, 22), 'present'), reused]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'body.marks.id', message: first.id }] },
    });
    expect(res.json().message).toContain('另一名学生或另一天');
    expect(await eventCount()).toBe(before);
  });

  it('refuses the whole request for another group’s child, and for a gate guard', async () => {
    const mine = mark(kid(0, 10), 'late', null);
    const res = await post(teacher, [mine, mark(kid(1, 5), 'present')]);
    expect(res.statusCode).toBe(404);
    expect(await eventCount(kid(1, 5))).toBe(0);
    expect((await post(gate, [mark(kid(1, 5), 'present')])).statusCode).toBe(403);
  });

  it('refuses a time in the future or not on the day', async () => {
    const future = await post(teacher, [mark(kid(0, 11), 'late', null, at('16:30'))]);
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ error: 'VALIDATION_FAILED' });
    const otherDay = await post(teacher, [mark(kid(0, 11), 'late', null, '2026-11-29T15:00:00+08:00')]);
    expect(otherDay.statusCode).toBe(400);
  });

  it('refuses marking absent a child in extended custody, with the clause', async () => {
    const child = world.children.find((c) => c.studentId === kid(1, 2));
    if (!child) throw new Error('world');
    const present = mark(child.studentId, 'present');
    await post(otherTeacher, [present]);
    const [chiefStaff] = await t.database.db
      .select()
      .from(staff)
      .where(eq(staff.userId, world.users.dutyChief));
    await t.database.db.insert(childDayEvents).values({
      schoolId: world.school.schoolId,
      serviceDate: SERVICE_DATE,
      studentId: child.studentId,
      enrollmentId: child.enrollmentId,
      kind: 'custody',
      staffId: chiefStaff?.staffId as string,
      automatic: true,
      at: new Date('2026-11-30T07:29:00Z'),
      byUser: null,
    });
    const res = (
      await post(otherTeacher, [mark(child.studentId, 'absent', present.id)])
    ).json() as MarksResult;
    expect(res.results[0]).toMatchObject({
      status: 'refused',
      error: { code: 'CHILD_DAY_REFUSED', details: { refusal: 'in_custody', clause: 'C 延时托管' } },
    });
  });

  it('shows the guardian’s leave pre-marked with its reason', async () => {
    const child = world.children.find((c) => c.studentId === kid(1, 3));
    if (!child) throw new Error('world');
    await t.database.db.insert(leaveRequests).values({
      schoolId: world.school.schoolId,
      studentId: child.studentId,
      fromDate: SERVICE_DATE,
      toDate: SERVICE_DATE,
      reason: '发烧看病',
      requestedBy: child.guardianUserId,
      requestedAt: new Date('2026-11-30T00:10:00Z'),
    });
    const view = ((await rollCall(otherTeacher)).json() as RollCallView).groups[0]?.children.find(
      (c) => c.studentId === child.studentId,
    );
    expect(view).toMatchObject({
      status: 'on_leave',
      mark: 'leave',
      markId: null,
      leave: { reason: '发烧看病' },
    });
    expect(view?.history[0]).toMatchObject({ id: null, source: 'leave_request' });
    // Marking leave again changes nothing; present on top of it is a correction based on no mark.
    const again = (await post(otherTeacher, [mark(child.studentId, 'leave')])).json() as MarksResult;
    expect(again.results[0]?.status).toBe('unchanged');
  });
});

describe('absence follow-up', () => {
  it('records the contact and closes the follow-up; refuses it for a child not absent', async () => {
    const child = kid(0, 7);
    const url = `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}/students/${child}/follow-up`;
    const body = { contactPerson: '母亲', result: '已联系上，孩子在家', reason: '病假', at: at('15:45') };
    const res = await teacher.request({ method: 'POST', url, payload: body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      duplicate: false,
      followUp: { state: 'closed', contact: { contactPerson: '母亲', reason: '病假' } },
    });
    const twice = await teacher.request({ method: 'POST', url, payload: body });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({
      error: 'CHILD_DAY_REFUSED',
      details: { refusal: 'no_open_follow_up' },
    });
    const present = `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}/students/${kid(0, 8)}/follow-up`;
    expect((await teacher.request({ method: 'POST', url: present, payload: body })).statusCode).toBe(409);
    const notMine = `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}/students/${kid(1, 8)}/follow-up`;
    expect((await teacher.request({ method: 'POST', url: notMine, payload: body })).statusCode).toBe(404);
  });

  it('escalates an open follow-up past the limit once, to the duty chief and the admin, even run twice at once', async () => {
    const child = kid(0, 3);
    const db = t.database.db;
    // Not yet at 16:00: the absence was marked at 15:31, the limit is 30 minutes.
    expect((await escalateDueFollowUps(db, t.clock)).escalated).toEqual([]);
    t.clock.advance(31 * 60_000);
    chief = await signIn(t, world.users.dutyChief);
    admin = await signIn(t, world.users.admin);
    const [one, two] = await Promise.all([
      escalateDueFollowUps(db, t.clock),
      escalateDueFollowUps(db, t.clock),
    ]);
    expect([...(one?.escalated ?? []), ...(two?.escalated ?? [])]).toEqual([
      { schoolId: world.school.schoolId, studentId: child },
    ]);
    expect((await escalateDueFollowUps(db, t.clock)).escalated).toEqual([]);
    const events = await db
      .select()
      .from(childDayEvents)
      .where(and(eq(childDayEvents.studentId, child), eq(childDayEvents.kind, 'escalate')));
    expect(events).toHaveLength(1);
    expect(events[0]?.byUser).toBeNull();
    for (const userId of [world.users.dutyChief, world.users.admin]) {
      const messages = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'absence_escalated')));
      expect(messages).toHaveLength(1);
      expect((messages[0]?.body as { zh: string } | undefined)?.zh).toContain('A 三.5');
      // The alert's time is the job's clock: 16:01 on the fake clock (issue 14.14).
      expect(messages[0]?.createdAt.toISOString()).toBe(t.clock.now().toISOString());
    }
    const view = ((await rollCall(chief)).json() as RollCallView).groups
      .flatMap((g) => g.children)
      .find((c) => c.studentId === child);
    expect(view?.followUp?.state).toBe('escalated');
    // The contact is still recorded afterwards, by the duty chief.
    const url = `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}/students/${child}/follow-up`;
    const res = await chief.request({
      method: 'POST',
      url,
      payload: { contactPerson: '父亲', result: '已联系上', reason: '家长忘记请假', at: at('16:02') },
    });
    expect(res.json()).toMatchObject({ followUp: { state: 'closed' } });
  });

  it('refuses marks once the day is closed', async () => {
    await t.database.db.insert(dayClosures).values({
      schoolId: world.school.schoolId,
      serviceDate: SERVICE_DATE,
      closedBy: world.users.dutyChief,
      closedAt: t.clock.now(),
      summary: {},
    });
    const res = await post(admin, [mark(kid(0, 20), 'late', null, at('15:50'))]);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'DAY_CLOSED' });
    expect(((await rollCall(admin)).json() as RollCallView).closed).toBe(true);
  });
});

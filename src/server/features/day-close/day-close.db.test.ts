// F-16 against PostgreSQL: the duty chief's view of every child's day — where each stands at the
// request's moment, unknown (去向未明) only when nobody knows —, the close refused while any child's day
// is not over (each named with where they stand), the close once all are, and nothing of the day
// changing after it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { dayEvents } from '../../../../test/day-events.js';
import { buildStaff } from '../../../../test/factories.js';
import { dayClosures, leaveRequests } from '../../../db/schema.js';
import { assertDayOpen } from '../../daily/service-day.js';

let t: TestApp;
let world: DayWorld;
let chief: SignedIn;
let admin: SignedIn;
let custodianId = '';

const dayUrl = (date = SERVICE_DATE, w: DayWorld = world) => `/api/schools/${w.school.schoolId}/days/${date}`;
const closures = async (w: DayWorld = world) =>
  t.database.db.select().from(dayClosures).where(eq(dayClosures.schoolId, w.school.schoolId));

function child(group: number, index: number) {
  const id = world.groups[group]?.studentIds[index];
  const c = world.children.find((x) => x.studentId === id);
  if (!c) throw new Error('no child');
  return c;
}
const nameOf = (view: { children: { studentId: string; name: string }[] }, group: number, index: number) =>
  view.children.find((c) => c.studentId === child(group, index).studentId)?.name ?? '';

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildDayWorld(t.database.db, {
    groups: 2,
    perGroup: 3,
    extendedCustody: 1,
    mayLeaveAlone: 6,
  });
  chief = await signIn(t, world.users.dutyChief);
  admin = await signIn(t, world.users.admin);
  custodianId = (await buildStaff(t.database.db, world.school, { name: '托管老师' })).staffId;
});
afterAll(async () => {
  await t?.close();
});

describe('the day view', () => {
  it('awaits the roll call until its deadline; then names every child not marked, with the teacher to call', async () => {
    const res = await chief.request({ method: 'GET', url: dayUrl() });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      date: SERVICE_DATE,
      weekday: 1,
      endTime: '18:00',
      // The first session at 15:40, the policy's follow-up limit of 30 minutes.
      rollCallDue: '2026-11-30T08:10:00.000Z',
      serviceEnd: '2026-11-30T10:00:00.000Z',
      closable: false,
      closure: null,
    });
    expect(view.dutyChief).toEqual({ name: '值日总护导' });
    // 15:30: nobody is marked yet, and nobody is unknown yet either.
    expect(view.counts).toMatchObject({
      enrolled: 6,
      unmarked: 6,
      awaitingRollCall: 6,
      unaccounted: 0,
      attended: 0,
    });
    expect(view.unaccounted).toEqual([]);
    expect(view.children[0]).toMatchObject({ standing: 'awaiting_roll_call', unaccounted: null });

    // One second after the deadline they are unknown, each named with the group and the teacher.
    t.clock.advance(40 * 60_000 + 1000);
    // (A session idle for 40 minutes has ended: sign in again.)
    const chiefLater = await signIn(t, world.users.dutyChief);
    const late = (await chiefLater.request({ method: 'GET', url: dayUrl() })).json();
    t.clock.advance(-(40 * 60_000 + 1000));
    expect(late.counts).toMatchObject({ unmarked: 6, awaitingRollCall: 0, unaccounted: 6 });
    expect(late.unaccounted).toHaveLength(6);
    expect(late.unaccounted[0]).toMatchObject({
      groupName: '1组',
      reason: 'no_mark',
      teacherName: expect.any(String),
      teacherPhone: expect.stringMatching(/^139/),
    });
    expect(
      view.groups.map((g: { name: string; counts: { enrolled: number } }) => [g.name, g.counts.enrolled]),
    ).toEqual([
      ['1组', 3],
      ['2组', 3],
    ]);
    expect(late.children[0]).toMatchObject({
      status: 'expected',
      standing: 'no_mark',
      unaccounted: 'no_mark',
      marks: [],
      release: null,
    });
  });

  it('refuses to close with each child whose day is not over named and why; nothing stored', async () => {
    const res = await chief.request({ method: 'POST', url: `${dayUrl()}/close`, payload: {} });
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.error).toBe('DAY_NOT_CLOSABLE');
    expect(body.details.problems).toHaveLength(6);
    expect(body.message).toContain('还有 6 名学生当天尚未结束（6 人尚未点名）');
    expect(body.details.problems[0].reason).toBe('awaiting_roll_call');
    expect(await closures()).toEqual([]);
  });

  it('shows marks with their history, follow-up, custody, the release and whom to; in care is in school, not unknown', async () => {
    const db = t.database.db;
    await dayEvents(db, world, child(0, 0), [
      { kind: 'mark', mark: 'present' },
      { kind: 'custody', staffId: custodianId },
    ]);
    await dayEvents(db, world, child(0, 1), [{ kind: 'mark', mark: 'absent' }]);
    await db.insert(leaveRequests).values({
      schoolId: world.school.schoolId,
      studentId: child(0, 2).studentId,
      fromDate: SERVICE_DATE,
      toDate: SERVICE_DATE,
      reason: '看病',
      requestedBy: child(0, 2).guardianUserId,
      requestedAt: new Date('2026-11-30T01:00:00Z'),
    });
    await dayEvents(db, world, child(1, 0), [
      { kind: 'mark', mark: 'absent' },
      { kind: 'mark', mark: 'present' },
    ]);
    await dayEvents(db, world, child(1, 1), [{ kind: 'mark', mark: 'late' }, { kind: 'call' }]);
    await dayEvents(db, world, child(1, 2), [{ kind: 'mark', mark: 'absent' }, { kind: 'escalate' }]);

    const view = (await admin.request({ method: 'GET', url: dayUrl() })).json();
    const reasons = Object.fromEntries(
      view.unaccounted.map((u: { studentId: string; reason: string }) => [u.studentId, u.reason]),
    );
    // Only the absence nobody has followed up is unknown; the children in care and in custody are known.
    expect(reasons).toEqual({
      [child(0, 1).studentId]: 'absence_not_followed_up',
    });
    const standings = Object.fromEntries(
      view.children.map((c: { studentId: string; standing: string }) => [c.studentId, c.standing]),
    );
    expect(standings).toEqual({
      [child(0, 0).studentId]: 'in_custody',
      [child(0, 1).studentId]: 'absence_not_followed_up',
      [child(0, 2).studentId]: 'not_attending',
      [child(1, 0).studentId]: 'in_school',
      [child(1, 1).studentId]: 'in_school',
      [child(1, 2).studentId]: 'not_attending',
    });
    const byId = new Map(view.children.map((c: { studentId: string }) => [c.studentId, c]));
    expect(byId.get(child(0, 0).studentId)).toMatchObject({
      status: 'in_custody',
      extendedCustody: true,
      custody: { staffName: '托管老师', automatic: false, by: expect.any(String) },
    });
    expect(byId.get(child(0, 2).studentId)).toMatchObject({
      status: 'on_leave',
      unaccounted: null,
      leave: { reason: '看病' },
    });
    expect(byId.get(child(1, 0).studentId)).toMatchObject({
      marks: [
        { mark: 'absent', by: expect.any(String) },
        { mark: 'present', by: expect.any(String) },
      ],
      followUp: { state: 'cancelled' },
    });
    expect(byId.get(child(1, 2).studentId)).toMatchObject({
      status: 'absent',
      unaccounted: null,
      followUp: { state: 'escalated', escalatedAt: expect.any(String) },
    });
    expect(view.counts).toMatchObject({
      enrolled: 6,
      attended: 3,
      absent: 2,
      onLeave: 1,
      custody: 1,
      inCare: 2,
      unmarked: 0,
      inSchool: 2,
      inCustody: 1,
      unaccounted: 1,
    });
    // Before the end time there is nobody to move to custody.
    expect(view.endCustody).toMatchObject({ offered: false, due: 2 });

    const res = await chief.request({ method: 'POST', url: `${dayUrl()}/close`, payload: {} });
    expect(res.statusCode).toBe(409);
    const named = res
      .json()
      .details.problems.map((p: { name: string; reason: string }) => [p.name, p.reason]);
    // By group, then class and student number within the group. The child in custody is accounted
    // for (C 延时托管: a named staff member has them) and is not named.
    expect(named).toHaveLength(3);
    expect(named.slice(0, 1)).toEqual([[nameOf(view, 0, 1), 'absence_not_followed_up']]);
    expect(named.slice(1)).toEqual(
      expect.arrayContaining([
        [nameOf(view, 1, 0), 'in_school'],
        [nameOf(view, 1, 1), 'in_school'],
      ]),
    );
    expect(res.json().message).toContain(`${nameOf(view, 0, 1)}（1组，缺席未跟进（未联系家长））`);
  });

  it('closes once every child is accounted for, keeping the figures, who and when', async () => {
    const db = t.database.db;
    await dayEvents(db, world, child(0, 0), [{ kind: 'release' }]);
    await dayEvents(db, world, child(0, 1), [{ kind: 'contact' }]);
    await dayEvents(db, world, child(1, 0), [{ kind: 'release', alone: true }]);
    await dayEvents(db, world, child(1, 1), [{ kind: 'release' }]);
    const before = (await chief.request({ method: 'GET', url: dayUrl() })).json();
    expect(before).toMatchObject({ closable: true, unaccounted: [] });
    expect(
      before.children.find((c: { studentId: string }) => c.studentId === child(0, 0).studentId),
    ).toMatchObject({
      status: 'released',
      release: { method: 'listed_person', to: { name: expect.stringMatching(/^接送人/), relation: '父亲' } },
    });

    const res = await chief.request({
      method: 'POST',
      url: `${dayUrl()}/close`,
      payload: { note: '  全部学生已离校 ' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const summary = {
      enrolled: 6,
      attended: 3,
      absent: 2,
      onLeave: 1,
      released: 3,
      custody: 1,
      inCare: 0,
      unmarked: 0,
      awaitingRollCall: 0,
      inSchool: 0,
      inCustody: 0,
      unaccounted: 0,
      // Nobody was still in custody at the close.
      custodyByStaff: [],
    };
    expect(res.json().closure).toEqual({
      closedBy: { userId: world.users.dutyChief, name: expect.any(String) },
      closedAt: '2026-11-30T07:30:00.000Z',
      note: '全部学生已离校',
      summary,
    });
    expect(await closures()).toEqual([expect.objectContaining({ summary, note: '全部学生已离校' })]);
  });

  it('refuses a second close clearly (DAY_CLOSED) and any further change of the day', async () => {
    const again = await admin.request({ method: 'POST', url: `${dayUrl()}/close`, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: 'DAY_CLOSED',
      details: { closedAt: '2026-11-30T07:30:00.000Z' },
    });
    expect(again.json().message).toContain('15:30');
    expect(await closures()).toHaveLength(1);

    await expect(assertDayOpen(t.database.db, world.school.schoolId, SERVICE_DATE)).rejects.toMatchObject({
      code: 'DAY_CLOSED',
    });
    const handover = await chief.request({
      method: 'POST',
      url: `${dayUrl()}/handovers`,
      payload: { stage: 'end', fromName: '看护老师', toName: '值日总护导', countedCount: 0 },
    });
    expect(handover.statusCode).toBe(409);
    expect(handover.json().error).toBe('DAY_CLOSED');
    // A roll-call correction (F-11, the attendance feature) on the closed day: refused, nothing stored.
    const teacher = await signIn(t, world.users.teachers[0] ?? '');
    const mark = await teacher.request({
      method: 'POST',
      url: `${dayUrl()}/marks`,
      payload: {
        marks: [
          {
            id: '7b0d2f4e-8a1c-4c5e-9f00-000000000001',
            studentId: child(0, 2).studentId,
            mark: 'present',
            basedOn: null,
            at: '2026-11-30T15:29:00+08:00',
            deviceId: 'test-phone',
          },
        ],
      },
    });
    expect(mark.statusCode, mark.body).toBe(409);
    expect(mark.json().error).toBe('DAY_CLOSED');
    const view = (await chief.request({ method: 'GET', url: dayUrl() })).json();
    expect(
      view.children.find((c: { studentId: string }) => c.studentId === child(0, 2).studentId),
    ).toMatchObject({
      status: 'on_leave',
    });
  });
});

describe('bad input', () => {
  it('refuses a date that is not a service day, and a day that has not come yet', async () => {
    const sunday = await chief.request({ method: 'GET', url: dayUrl('2026-11-29') });
    expect(sunday.statusCode).toBe(409);
    expect(sunday.json()).toMatchObject({ error: 'NOT_A_SERVICE_DAY', details: { reason: 'weekend' } });
    const holiday = await chief.request({
      method: 'POST',
      url: `${dayUrl('2026-10-01')}/close`,
      payload: {},
    });
    expect(holiday.json()).toMatchObject({ error: 'NOT_A_SERVICE_DAY', details: { reason: 'holiday' } });
    const tomorrow = await chief.request({
      method: 'POST',
      url: `${dayUrl('2026-12-01')}/close`,
      payload: {},
    });
    expect(tomorrow.statusCode).toBe(409);
    expect(tomorrow.json()).toMatchObject({ error: 'DAY_NOT_CLOSABLE', details: { reason: 'not_yet' } });
    expect((await chief.request({ method: 'GET', url: dayUrl('2026-11-31') })).statusCode).toBe(400);
    const extra = await chief.request({ method: 'POST', url: `${dayUrl()}/close`, payload: { force: true } });
    expect(extra.statusCode).toBe(400);
  });

  it('gives a retried close with the same Idempotency-Key the first answer, once', async () => {
    const empty = await buildDayWorld(t.database.db, { groups: 1, perGroup: 0 });
    const chiefThere = await signIn(t, empty.users.dutyChief);
    const send = () =>
      chiefThere.request({
        method: 'POST',
        url: `${dayUrl(SERVICE_DATE, empty)}/close`,
        headers: { 'idempotency-key': 'close-day-retry-01' },
        payload: {},
      });
    const answers = [await send(), await send(), await send()];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers[2]?.headers['idempotent-replay']).toBe('true');
    expect(await closures(empty)).toHaveLength(1);
    const plain = await chiefThere.request({
      method: 'POST',
      url: `${dayUrl(SERVICE_DATE, empty)}/close`,
      payload: {},
    });
    expect(plain.json().error).toBe('DAY_CLOSED');
  });
});

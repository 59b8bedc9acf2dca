// Departure and custody against PostgreSQL through the real routes (F-13, F-14): the guardian's code
// and batch, the gate's look-up, verify and release with its refusals, the call, custody by hand and
// by the job, and that no child is ever shown as gone without a release record.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { markChildren, setShanghaiTime } from '../../../../test/bulk-day.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { buildMember } from '../../../../test/factories.js';
import { giveCode, testCodes } from '../../../../test/pickup-codes.js';
import { auditLog, childDayEvents, notifications, pickupCodes, pickupPersons } from '../../../db/schema.js';
import { loadDayChildren } from '../../daily/child-days.js';
import { loadServiceDay } from '../../daily/service-day.js';
import { inAppNotifier } from '../../notifications.js';
import { loadSchool } from '../plans/plan-setting.js';
import { moveUncollectedToCustody } from './custody-job.js';
import { PickupCodeKey } from './pickup-code-key.js';

let t: TestApp;
let world: DayWorld;
let gate: SignedIn;
let chief: SignedIn;
let teacher: SignedIn;
let otherTeacher: SignedIn;

const day = () => `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}`;
const child = (i: number) => {
  const c = world.children[i];
  if (!c) throw new Error(`no child ${i}`);
  return c;
};
const guardianOf = (i: number) => signIn(t, child(i).guardianUserId);
const codeUrl = (i: number) =>
  `/api/schools/${world.school.schoolId}/students/${child(i).studentId}/pickup-code`;

// Every code a guardian's page has shown in this file: none may be found in the database (issue 13.8).
const shown = new Set<string>();

async function codeOf(i: number): Promise<string> {
  const res = await (await guardianOf(i)).request({ method: 'GET', url: codeUrl(i) });
  expect(res.statusCode, res.body).toBe(200);
  shown.add(res.json().code);
  return res.json().code;
}

// The test clock (15:30) is before every batch (17:00, 18:00): each release here confirms it is early
// (issue 14.4; the refusal without it is in release-checks.db.test.ts).
function release(actor: SignedIn, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return actor.request({
    method: 'POST',
    url: `${day()}/releases`,
    payload: { deviceId: 'gate-1', confirmEarly: true, ...body },
    headers,
  });
}

async function messagesOf(userId: string, kind: string) {
  return t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
}

beforeAll(async () => {
  t = await buildTestApp();
  // Group 1: children 0–3 (0 has the custody need, 0 and 1 may leave alone); group 2: children 4–7.
  world = await buildDayWorld(t.database.db, {
    groups: 2,
    perGroup: 4,
    extendedCustody: 1,
    mayLeaveAlone: 2,
  });
  gate = await signIn(t, world.users.gateGuard);
  chief = await signIn(t, world.users.dutyChief);
  teacher = await signIn(t, world.users.teachers[0] as string);
  otherTeacher = await signIn(t, world.users.teachers[1] as string);
});
afterAll(async () => {
  await t?.close();
});

describe('the guardian’s pickup code (F-13)', () => {
  it('is made on first read, the same on the next, with the QR of school, day and code', async () => {
    const guardian = await guardianOf(2);
    const first = await guardian.request({ method: 'GET', url: codeUrl(2) });
    expect(first.statusCode, first.body).toBe(200);
    const view = first.json();
    expect(view.code).toMatch(/^\d{6}$/);
    shown.add(view.code);
    expect(view.qr).toBe(`kehou:pickup:${world.school.code}:20261130:${view.code}`);
    expect(view).toMatchObject({
      attending: true,
      status: 'expected',
      batch: { name: '第一批', time: '17:00' },
      batchChangeOpen: true,
      batchChangeUntil: '16:30',
      cutoffMinutes: 30,
      pickupPersons: [{ id: child(2).pickupPersonId, name: '接送人3', relation: '父亲' }],
    });
    const again = await guardian.request({ method: 'GET', url: `${codeUrl(2)}?date=${SERVICE_DATE}` });
    expect(again.json().code).toBe(view.code);
    const rows = await t.database.db
      .select()
      .from(pickupCodes)
      .where(eq(pickupCodes.studentId, child(2).studentId));
    expect(rows).toHaveLength(1);
  });

  it('is not shown for a day on leave or absent, nor for another day', async () => {
    await markChildren(t.database.db, world, [child(7)], 'absent');
    const guardian = await guardianOf(7);
    const view = (await guardian.request({ method: 'GET', url: codeUrl(7) })).json();
    expect(view).toMatchObject({ status: 'absent', code: null, qr: null, batchChangeOpen: false });
    const tomorrow = await guardian.request({ method: 'GET', url: `${codeUrl(7)}?date=2026-12-01` });
    expect(tomorrow.statusCode).toBe(400);
    expect(tomorrow.json().message).toContain('只在当天');
  });

  it('changes today’s batch until 30 minutes before the earlier batch, then refuses', async () => {
    const guardian = await guardianOf(3);
    const url = `/api/schools/${world.school.schoolId}/students/${child(3).studentId}/batch`;
    const moved = await guardian.request({ method: 'PUT', url, payload: { batch: '第二批' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().batch).toEqual({ name: '第二批', time: '18:00' });
    const unknown = await guardian.request({ method: 'PUT', url, payload: { batch: '第三批' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('第一批 17:00');
    setShanghaiTime(t.clock, '16:31');
    try {
      // Sessions idle out over an hour: a fresh one at the new time.
      const later = await guardianOf(3);
      const late = await later.request({ method: 'PUT', url, payload: { batch: '第一批' } });
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ error: 'BATCH_CHANGE_CLOSED', details: { until: '16:30' } });
      // Moving from the 18:00 batch is open only until 16:30 too (the earlier of the two).
      const view = (await later.request({ method: 'GET', url: codeUrl(3) })).json();
      expect(view.batchChangeOpen).toBe(false);
    } finally {
      setShanghaiTime(t.clock, '15:30');
    }
    const other = await (await guardianOf(4)).request({
      method: 'PUT',
      url,
      payload: { batch: '第二批' },
    });
    expect(other.statusCode).toBe(403);
  });
});

describe('the gate finds the child by the code', () => {
  it('finds the child typed with spaces or full-width digits, or scanned; phones masked at the gate', async () => {
    await markChildren(t.database.db, world, [child(2), child(3), child(4), child(5), child(6)]);
    const code = await codeOf(2);
    for (const typed of [
      code,
      `${code.slice(0, 3)} ${code.slice(3)}`,
      code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
      `kehou:pickup:${world.school.code}:20261130:${code}`,
    ]) {
      const res = await gate.request({
        method: 'POST',
        url: `${day()}/pickup/lookup`,
        payload: { code: typed },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        studentId: child(2).studentId,
        status: 'present',
        batch: { name: '第一批' },
        flags: { extendedCustody: false, mayLeaveAlone: false, onLeave: false, absent: false },
        codeChecked: true,
      });
      expect(res.json().pickupPersons[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    // The duty chief reads phones in full.
    const full = await chief.request({ method: 'POST', url: `${day()}/pickup/lookup`, payload: { code } });
    expect(full.json().pickupPersons[0].phone).toMatch(/^\d{11}$/);
  });

  it('refuses an unknown code, a code of another day, another school’s QR and unreadable text', async () => {
    const wrong = await gate.request({
      method: 'POST',
      url: `${day()}/pickup/lookup`,
      payload: { code: '000000' },
    });
    const taken = await t.database.db
      .select()
      .from(pickupCodes)
      .where(
        eq(
          pickupCodes.codeHash,
          testCodes.hash({ schoolId: world.school.schoolId, date: SERVICE_DATE }, '000000'),
        ),
      );
    if (taken.length === 0) {
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error).toBe('PICKUP_CODE_WRONG');
    }
    const friday = await giveCode(t.database.db, {
      schoolId: world.school.schoolId,
      date: '2026-11-27',
      studentId: child(5).studentId,
    });
    const old = await gate.request({
      method: 'POST',
      url: `${day()}/pickup/lookup`,
      payload: { code: friday },
    });
    expect(old.statusCode).toBe(410);
    expect(old.json()).toMatchObject({ error: 'PICKUP_CODE_EXPIRED', details: { codeDate: '2026-11-27' } });
    const yesterdayQr = await gate.request({
      method: 'POST',
      url: `${day()}/pickup/lookup`,
      payload: { code: `kehou:pickup:${world.school.code}:20261127:${friday}` },
    });
    expect(yesterdayQr.statusCode).toBe(410);
    const otherSchool = await gate.request({
      method: 'POST',
      url: `${day()}/pickup/lookup`,
      payload: { code: 'kehou:pickup:1234567890:20261130:123456' },
    });
    expect(otherSchool.json()).toMatchObject({
      error: 'PICKUP_CODE_WRONG',
      details: { reason: 'other_school' },
    });
    const text = await gate.request({
      method: 'POST',
      url: `${day()}/pickup/lookup`,
      payload: { code: '12a456' },
    });
    expect(text.json()).toMatchObject({ error: 'PICKUP_CODE_WRONG', details: { reason: 'unreadable' } });
  });

  it('locks a child’s code after five wrong tries, even for the right digits', async () => {
    const code = await codeOf(3);
    const wrong = code === '111111' ? '222222' : '111111';
    const verify = (typed: string) =>
      chief.request({
        method: 'POST',
        url: `${day()}/pickup/verify`,
        payload: { studentId: child(3).studentId, code: typed },
      });
    for (const remaining of [4, 3, 2, 1]) {
      const res = await verify(wrong);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'PICKUP_CODE_WRONG', details: { remaining } });
    }
    const fifth = await verify(wrong);
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error).toBe('PICKUP_CODE_LOCKED');
    expect((await verify(code)).statusCode).toBe(423);
    const lookup = await gate.request({ method: 'POST', url: `${day()}/pickup/lookup`, payload: { code } });
    expect(lookup.statusCode).toBe(423);
    expect(lookup.json().details?.studentId).toBeUndefined();
    const release3 = await release(gate, {
      studentId: child(3).studentId,
      method: 'pickup_code',
      code,
      pickupPersonId: child(3).pickupPersonId,
    });
    expect(release3.statusCode).toBe(423);
    const [row] = await t.database.db
      .select()
      .from(pickupCodes)
      .where(and(eq(pickupCodes.studentId, child(3).studentId), eq(pickupCodes.serviceDate, SERVICE_DATE)));
    expect(row?.failures).toBe(5);
    expect(row?.lockedAt).not.toBeNull();
    // The staff still release to the listed person, checked by face and photo.
    const byPerson = await release(chief, {
      studentId: child(3).studentId,
      method: 'listed_person',
      pickupPersonId: child(3).pickupPersonId,
      identityCheck: { method: 'id_document' },
    });
    expect(byPerson.statusCode, byPerson.body).toBe(201);
  });

  it('refuses an account that keeps guessing codes, for the rest of the window', async () => {
    const { user } = await buildMember(t.database.db, 'gate_guard', { school: world.school });
    const guesser = await signIn(t, user.id);
    const taken = new Set(
      (await t.database.db.select({ hash: pickupCodes.codeHash }).from(pickupCodes)).map((r) =>
        r.hash.toString('hex'),
      ),
    );
    const hashOf = (code: string) =>
      testCodes.hash({ schoolId: world.school.schoolId, date: SERVICE_DATE }, code).toString('hex');
    const guesses = Array.from({ length: 12 }, (_, i) => String(900000 + i)).filter(
      (g) => !taken.has(hashOf(g)),
    );
    for (const guess of guesses.slice(0, 10)) {
      const res = await guesser.request({
        method: 'POST',
        url: `${day()}/pickup/lookup`,
        payload: { code: guess },
      });
      expect(res.statusCode).toBe(400);
    }
    const blocked = await guesser.request({
      method: 'POST',
      url: `${day()}/pickup/lookup`,
      payload: { code: await codeOf(4) },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().details).toMatchObject({ reason: 'wrong_pickup_codes' });
    expect(blocked.headers['retry-after']).toBeDefined();
    const wrongRows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, user.id), eq(auditLog.action, 'pickup.code_wrong')));
    expect(wrongRows).toHaveLength(10);
    // Another account is not held up; ten minutes later the guesser may look up again.
    expect(
      (
        await gate.request({
          method: 'POST',
          url: `${day()}/pickup/lookup`,
          payload: { code: await codeOf(4) },
        })
      ).statusCode,
    ).toBe(200);
    t.clock.advance(10 * 60_000 + 1000);
    try {
      const later = await guesser.request({
        method: 'POST',
        url: `${day()}/pickup/lookup`,
        payload: { code: await codeOf(4) },
      });
      expect(later.statusCode).toBe(200);
    } finally {
      setShanghaiTime(t.clock, '15:30');
    }
  });
});

describe('the release (F-13, C 2)', () => {
  it('releases by code to the listed person, tells the guardian, and refuses the second gate', async () => {
    const code = await codeOf(2);
    const first = await release(gate, {
      studentId: child(2).studentId,
      method: 'pickup_code',
      code,
      pickupPersonId: child(2).pickupPersonId,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      status: 'released',
      release: { method: 'pickup_code', person: { name: '接送人3', relation: '父亲' } },
    });
    const [stored] = await t.database.db
      .select()
      .from(childDayEvents)
      .where(and(eq(childDayEvents.studentId, child(2).studentId), eq(childDayEvents.kind, 'release')));
    expect(stored).toMatchObject({
      method: 'pickup_code',
      pickupPersonId: child(2).pickupPersonId,
      byUser: world.users.gateGuard,
      deviceId: 'gate-1',
    });
    const [message] = await messagesOf(child(2).guardianUserId, 'released');
    expect(message?.body.zh).toMatch(/已于 15:30 由 接送人3（父亲）接走/);
    const second = await release(chief, {
      studentId: child(2).studentId,
      method: 'listed_person',
      pickupPersonId: child(2).pickupPersonId,
      identityCheck: { method: 'id_document' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      error: 'CHILD_DAY_REFUSED',
      details: { refusal: 'already_released', releasedTo: '接送人3', method: 'pickup_code' },
    });
    expect(second.json().message).toContain('15:30');
  });

  it('counts a wrong code given with the release and releases nothing', async () => {
    const code = await codeOf(4);
    const res = await release(gate, {
      studentId: child(4).studentId,
      method: 'pickup_code',
      code: code === '111111' ? '222222' : '111111',
      pickupPersonId: child(4).pickupPersonId,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'PICKUP_CODE_WRONG', details: { remaining: 4 } });
    const children = await dayChildren();
    expect(children.get(child(4).studentId)?.status).toBe('present');
  });

  it('refuses an absent or unmarked child, leaving alone without permission, an unlisted person', async () => {
    const absent = await release(gate, {
      studentId: child(7).studentId,
      method: 'listed_person',
      pickupPersonId: child(7).pickupPersonId,
      identityCheck: { method: 'id_document' },
    });
    expect(absent.statusCode).toBe(409);
    expect(absent.json()).toMatchObject({ details: { refusal: 'not_present', clause: 'A 三.5' } });
    const unmarked = await release(gate, {
      studentId: child(1).studentId,
      method: 'alone',
    });
    expect(unmarked.json().details?.refusal).toBe('not_present');
    const alone = await release(gate, { studentId: child(5).studentId, method: 'alone' });
    expect(alone.json()).toMatchObject({ details: { refusal: 'alone_not_permitted', clause: 'C 2' } });
    const stranger = await release(gate, {
      studentId: child(5).studentId,
      method: 'listed_person',
      pickupPersonId: child(6).pickupPersonId,
      identityCheck: { method: 'id_document' },
    });
    expect(stranger.json().details?.refusal).toBe('person_not_listed');
    const removed = await t.database.db
      .insert(pickupPersons)
      .values({
        schoolId: world.school.schoolId,
        studentId: child(5).studentId,
        name: '已删除',
        relation: '舅舅',
        phone: '13911112222',
        removedAt: new Date('2026-11-01T00:00:00Z'),
      })
      .returning();
    const gone = await release(gate, {
      studentId: child(5).studentId,
      method: 'listed_person',
      pickupPersonId: removed[0]?.personId,
      identityCheck: { method: 'id_document' },
    });
    expect(gone.json().details?.refusal).toBe('person_not_listed');
    const missingPerson = await release(gate, { studentId: child(5).studentId, method: 'listed_person' });
    expect(missingPerson.statusCode).toBe(400);
    const codeless = await release(gate, {
      studentId: child(5).studentId,
      method: 'pickup_code',
      pickupPersonId: child(5).pickupPersonId,
    });
    expect(codeless.statusCode).toBe(400);
  });

  it('lets a child with permission leave alone; a care teacher releases only their own group', async () => {
    await markChildren(t.database.db, world, [child(0), child(1)]);
    const foreign = await otherTeacher.request({
      method: 'POST',
      url: `${day()}/releases`,
      payload: { studentId: child(1).studentId, method: 'alone', deviceId: 'class-2' },
    });
    expect(foreign.statusCode).toBe(403);
    const own = await release(teacher, { studentId: child(1).studentId, method: 'alone' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().release).toMatchObject({ method: 'alone', person: null });
    const [message] = await messagesOf(child(1).guardianUserId, 'released');
    expect(message?.body.zh).toContain('独自离校');
    const foreignLookup = await otherTeacher.request({
      method: 'POST',
      url: `${day()}/pickup/lookup`,
      payload: { code: await codeOf(0) },
    });
    expect(foreignLookup.statusCode).toBe(403);
  });

  it('refuses a date other than today, and a day without service', async () => {
    const res = await gate.request({
      method: 'POST',
      url: `/api/schools/${world.school.schoolId}/days/2026-12-01/releases`,
      payload: { studentId: child(5).studentId, method: 'alone', deviceId: 'gate-1' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('2026-11-30');
    const board = await gate.request({
      method: 'GET',
      url: `/api/schools/${world.school.schoolId}/days/2026-11-29/pickup/children/${child(5).studentId}`,
    });
    expect(board.statusCode).toBe(409);
    expect(board.json().error).toBe('NOT_A_SERVICE_DAY');
  });

  it('does a release sent three times with one Idempotency-Key once', async () => {
    const body = {
      studentId: child(6).studentId,
      method: 'listed_person',
      pickupPersonId: child(6).pickupPersonId,
      identityCheck: { method: 'id_document' },
    };
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(await release(gate, body, { 'idempotency-key': 'release-child-6-x1' }));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(answers[2]?.headers['idempotent-replay']).toBe('true');
    const rows = await t.database.db
      .select()
      .from(childDayEvents)
      .where(and(eq(childDayEvents.studentId, child(6).studentId), eq(childDayEvents.kind, 'release')));
    expect(rows).toHaveLength(1);
  });
});

describe('call to the gate and extended custody (F-14, C 延时托管)', () => {
  it('calls a child out: the teacher is told to bring the child, the guardian that the child is coming', async () => {
    const res = await gate.request({
      method: 'POST',
      url: `${day()}/calls`,
      payload: { studentId: child(4).studentId },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('called');
    expect(await messagesOf(world.users.teachers[1] as string, 'pickup_called')).toHaveLength(1);
    expect(await messagesOf(child(4).guardianUserId, 'pickup_called')).toHaveLength(1);
    const again = await gate.request({
      method: 'POST',
      url: `${day()}/calls`,
      payload: { studentId: child(4).studentId },
    });
    expect(again.json().details?.refusal).toBe('already_called');
  });

  it('places a child with the need with the duty chief; others only after end time and grace', async () => {
    const withNeed = await chief.request({
      method: 'POST',
      url: `${day()}/custody`,
      payload: { studentId: child(0).studentId },
    });
    expect(withNeed.statusCode, withNeed.body).toBe(201);
    expect(withNeed.json().custody).toMatchObject({ staffName: '值日总护导', automatic: false });
    expect(await messagesOf(child(0).guardianUserId, 'custody')).toHaveLength(1);
    const without = await chief.request({
      method: 'POST',
      url: `${day()}/custody`,
      payload: { studentId: child(5).studentId },
    });
    expect(without.statusCode).toBe(409);
    expect(without.json().details).toMatchObject({ refusal: 'no_custody_need', clause: 'C 延时托管' });
    const guard = await gate.request({
      method: 'POST',
      url: `${day()}/custody`,
      payload: { studentId: child(5).studentId },
    });
    expect(guard.statusCode).toBe(403);
  });

  it('moves the uncollected to custody after 18:00 + 15 min, once, even with two runs at once', async () => {
    setShanghaiTime(t.clock, '18:14');
    try {
      const early = await moveUncollectedToCustody(t.database.db, t.clock, inAppNotifier);
      expect(early.moved).toHaveLength(0);
      setShanghaiTime(t.clock, '18:15');
      const [a, b] = await Promise.all([
        moveUncollectedToCustody(t.database.db, t.clock, inAppNotifier),
        moveUncollectedToCustody(t.database.db, t.clock, inAppNotifier),
      ]);
      const moved = [...(a?.moved ?? []), ...(b?.moved ?? [])].map((m) => m.studentId).sort();
      // Still in care: 4 (called) and 5 (present). Released, absent and custody already: untouched.
      expect(moved).toEqual([child(4).studentId, child(5).studentId].sort());
      const rows = await t.database.db
        .select()
        .from(childDayEvents)
        .where(and(eq(childDayEvents.kind, 'custody'), eq(childDayEvents.automatic, true)));
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.byUser === null)).toBe(true);
      const [message] = await messagesOf(child(5).guardianUserId, 'custody');
      expect(message?.body.zh).toContain('已转入延时托管，由 值日总护导 看护');
      const again = await moveUncollectedToCustody(t.database.db, t.clock, inAppNotifier);
      expect(again.moved).toHaveLength(0);
      expect(await messagesOf(child(5).guardianUserId, 'custody')).toHaveLength(1);
      // From custody the child still leaves with the listed person.
      const out = await release(await signIn(t, world.users.dutyChief), {
        studentId: child(5).studentId,
        method: 'listed_person',
        pickupPersonId: child(5).pickupPersonId,
        identityCheck: { method: 'id_last4', last4: '041X' },
      });
      expect(out.statusCode, out.body).toBe(201);
      // After the end time the child is not early: nothing to confirm, nothing recorded.
      expect(out.json().release).toMatchObject({
        identityCheck: { method: 'id_last4', last4: '041X' },
        early: null,
      });
    } finally {
      setShanghaiTime(t.clock, '15:30');
    }
  });

  it('never shows a child as gone without a release record', async () => {
    const children = await dayChildren();
    const releases = await t.database.db
      .select()
      .from(childDayEvents)
      .where(and(eq(childDayEvents.schoolId, world.school.schoolId), eq(childDayEvents.kind, 'release')));
    const released = new Set(releases.map((r) => r.studentId));
    for (const c of children.values()) {
      expect(c.status === 'released', c.name).toBe(released.has(c.studentId));
      if (c.status === 'released') expect(c.day.release?.by).toBeTruthy();
    }
    expect(released.size).toBeGreaterThanOrEqual(4);
  });
});

describe('pickup codes are kept as keyed hashes (issue 13.8)', () => {
  it('issues a new code when the stored one was made under another secret, and the gate finds it', async () => {
    // As after a restore on another deployment or a new KEHOU_SECRET: the stored nonce no longer
    // derives a code whose hash is stored. Child 4 is in custody by now, so still shown a code.
    const owner = { schoolId: world.school.schoolId, date: SERVICE_DATE, studentId: child(4).studentId };
    const where = and(eq(pickupCodes.studentId, owner.studentId), eq(pickupCodes.serviceDate, SERVICE_DATE));
    await t.database.db.delete(pickupCodes).where(where);
    const made = new PickupCodeKey(Buffer.from('another-deployment-secret-0123456789abcdef')).issue(owner);
    await t.database.db.insert(pickupCodes).values({
      ...owner,
      serviceDate: SERVICE_DATE,
      codeHash: made.codeHash,
      nonce: made.nonce,
      failures: 1,
    });
    const code = await codeOf(4);
    expect(await codeOf(4)).toBe(code);
    const found = await gate.request({ method: 'POST', url: `${day()}/pickup/lookup`, payload: { code } });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ studentId: owner.studentId, status: 'in_custody' });
    const [row] = await t.database.db.select().from(pickupCodes).where(where);
    // The same row, its wrong tries kept.
    expect(row?.failures).toBe(1);
    expect(row?.nonce.equals(made.nonce)).toBe(false);
  });

  it('leaves no code a guardian was shown in pickup_codes or the audit log', async () => {
    // Looked up, verified, released by code and mistyped above: every path that handles a code.
    expect(shown.size).toBeGreaterThanOrEqual(5);
    const rows = await t.database.db.execute<{ text: string }>(sql`
      select row_to_json(p)::text as text from pickup_codes p
      union all select row_to_json(a)::text from audit_log a`);
    expect(rows.rows.length).toBeGreaterThan(0);
    // Ids and instants carry runs of digits of their own (a uuid's, a timestamp's microseconds).
    const noise =
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}T[\d:.]+[+-]\d{2}:\d{2}/g;
    const stored = rows.rows.map((r) => r.text.replace(noise, ''));
    for (const code of shown) {
      const plain = new RegExp(`(?<!\\d)${code}(?!\\d)`);
      expect(stored.filter((text) => plain.test(text))).toEqual([]);
    }
    // The hash is the code's under the server's key, looked up within the school and day.
    const [one] = shown;
    const [byHash] = await t.database.db
      .select({ studentId: pickupCodes.studentId })
      .from(pickupCodes)
      .where(
        eq(
          pickupCodes.codeHash,
          testCodes.hash({ schoolId: world.school.schoolId, date: SERVICE_DATE }, one ?? ''),
        ),
      );
    expect(byHash).toBeDefined();
  });
});

async function dayChildren() {
  const school = await loadSchool(t.database.db, world.school.schoolId);
  const setting = await loadServiceDay(t.database.db, school, SERVICE_DATE);
  return new Map((await loadDayChildren(t.database.db, setting)).map((c) => [c.studentId, c]));
}

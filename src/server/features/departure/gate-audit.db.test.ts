// Issue 13.9: every write at the gate is audited with who, when, from which address and device, in the
// same transaction as the write — the release, the call, custody by hand and by the job (as the
// system) — and a guardian's view of the pickup code once per guardian, child and day.
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { markChildren, setShanghaiTime } from '../../../../test/bulk-day.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { buildUser } from '../../../../test/factories.js';
import { auditLog, childDayEvents, guardianships, schoolMemberships } from '../../../db/schema.js';
import { inAppNotifier } from '../../notifications.js';
import { moveUncollectedToCustody } from './custody-job.js';

let t: TestApp;
let world: DayWorld;
let gate: SignedIn;
let chief: SignedIn;

// The gate's phone, as the request shows it.
const GATE = {
  remoteAddress: '10.20.30.40',
  headers: { 'user-agent': 'KehouGate/1.0 (Android 14; 门卫手机)' },
};
const day = () => `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}`;
const child = (i: number) => {
  const c = world.children[i];
  if (!c) throw new Error(`no child ${i}`);
  return c;
};

async function auditOf(action: string, studentId: string) {
  return t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.objectId, studentId)))
    .orderBy(asc(auditLog.id));
}

async function eventOf(kind: 'call' | 'release' | 'custody', studentId: string) {
  const [event] = await t.database.db
    .select()
    .from(childDayEvents)
    .where(and(eq(childDayEvents.kind, kind), eq(childDayEvents.studentId, studentId)));
  return event;
}

beforeAll(async () => {
  t = await buildTestApp();
  // Child 0 has the custody need; children 0–5 are present, 6 is absent.
  world = await buildDayWorld(t.database.db, { groups: 1, perGroup: 7, extendedCustody: 1 });
  await markChildren(t.database.db, world, world.children.slice(0, 6));
  await markChildren(t.database.db, world, [child(6)], 'absent');
  gate = await signIn(t, world.users.gateGuard);
  chief = await signIn(t, world.users.dutyChief);
});
afterAll(async () => {
  await t?.close();
});

describe('the gate’s writes are audited (issue 13.9)', () => {
  it('a release by code: who, when, address, device, method and person, with the release event', async () => {
    const guardian = await signIn(t, child(1).guardianUserId);
    const code = (
      await guardian.request({
        method: 'GET',
        url: `/api/schools/${world.school.schoolId}/students/${child(1).studentId}/pickup-code`,
      })
    ).json().code;
    const res = await gate.request({
      method: 'POST',
      url: `${day()}/releases`,
      payload: {
        studentId: child(1).studentId,
        method: 'pickup_code',
        code,
        pickupPersonId: child(1).pickupPersonId,
        confirmEarly: true,
        deviceId: 'gate-east',
      },
      ...GATE,
    });
    expect(res.statusCode, res.body).toBe(201);
    const event = await eventOf('release', child(1).studentId);
    const [row, ...more] = await auditOf('departure.release', child(1).studentId);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({
      actorUserId: world.users.gateGuard,
      objectType: 'student',
      scopeSchoolId: world.school.schoolId,
      scopeRegionId: world.school.regionId,
      ip: '10.20.30.40',
      userAgent: GATE.headers['user-agent'],
      details: {
        date: SERVICE_DATE,
        eventId: event?.eventId,
        method: 'pickup_code',
        pickupPersonId: child(1).pickupPersonId,
        identityCheck: null,
        early: { batchTime: '17:00', minutesEarly: 90 },
        deviceId: 'gate-east',
      },
    });
    expect(row?.at.toISOString()).toBe(event?.at.toISOString());
  });

  it('a refused release writes no record (the record is in the release’s transaction)', async () => {
    const res = await gate.request({
      method: 'POST',
      url: `${day()}/releases`,
      payload: {
        studentId: child(6).studentId,
        method: 'listed_person',
        pickupPersonId: child(6).pickupPersonId,
        identityCheck: { method: 'id_document' },
        confirmEarly: true,
        deviceId: 'gate-east',
      },
      ...GATE,
    });
    expect(res.statusCode).toBe(409);
    expect(await auditOf('departure.release', child(6).studentId)).toHaveLength(0);
  });

  it('a call to the gate, with its device', async () => {
    const res = await gate.request({
      method: 'POST',
      url: `${day()}/calls`,
      payload: { studentId: child(2).studentId, deviceId: 'gate-west' },
      ...GATE,
    });
    expect(res.statusCode, res.body).toBe(201);
    const event = await eventOf('call', child(2).studentId);
    const rows = await auditOf('departure.call', child(2).studentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUserId: world.users.gateGuard,
      ip: '10.20.30.40',
      userAgent: GATE.headers['user-agent'],
      details: { date: SERVICE_DATE, eventId: event?.eventId, deviceId: 'gate-west' },
    });
  });

  it('custody by hand: the staff member who placed the child and the custodian', async () => {
    const res = await chief.request({
      method: 'POST',
      url: `${day()}/custody`,
      payload: { studentId: child(0).studentId, deviceId: 'duty-phone' },
      remoteAddress: '10.20.30.41',
      headers: { 'user-agent': 'DutyPhone/2.0' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const event = await eventOf('custody', child(0).studentId);
    const rows = await auditOf('departure.custody', child(0).studentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUserId: world.users.dutyChief,
      ip: '10.20.30.41',
      userAgent: 'DutyPhone/2.0',
      details: {
        date: SERVICE_DATE,
        eventId: event?.eventId,
        staffId: event?.staffId,
        staffName: '值日总护导',
        automatic: false,
        deviceId: 'duty-phone',
      },
    });
  });

  it('custody by the job: recorded as the system, with no address or device', async () => {
    setShanghaiTime(t.clock, '18:15');
    try {
      const moved = await moveUncollectedToCustody(t.database.db, t.clock, inAppNotifier);
      // Still in care: 2 (called), 3, 4, 5.
      expect(moved.moved.map((m) => m.studentId).sort()).toEqual(
        [child(2), child(3), child(4), child(5)].map((c) => c.studentId).sort(),
      );
      for (const { studentId } of moved.moved) {
        const event = await eventOf('custody', studentId);
        const rows = await auditOf('departure.custody', studentId);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          actorUserId: null,
          ip: null,
          userAgent: null,
          details: { eventId: event?.eventId, automatic: true, deviceId: null, staffName: '值日总护导' },
        });
      }
    } finally {
      setShanghaiTime(t.clock, '15:30');
    }
  });

  it('a guardian’s views of the pickup code: one record per guardian, child and day, however often', async () => {
    const url = `/api/schools/${world.school.schoolId}/students/${child(3).studentId}/pickup-code`;
    const mother = await signIn(t, child(3).guardianUserId);
    const phone = { remoteAddress: '172.16.0.9', headers: { 'user-agent': 'WeChat/8.0 (iPhone)' } };
    for (let i = 0; i < 3; i++) {
      const res = await mother.request({ method: 'GET', url, ...phone });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().code).toMatch(/^\d{6}$/);
    }
    // A second guardian of the same child is another record.
    const father = await buildUser(t.database.db);
    await t.database.db
      .insert(schoolMemberships)
      .values({ userId: father.id, schoolId: world.school.schoolId, role: 'guardian' });
    await t.database.db.insert(guardianships).values({
      schoolId: world.school.schoolId,
      studentId: child(3).studentId,
      userId: father.id,
      relation: '父亲',
    });
    const dad = await signIn(t, father.id);
    await Promise.all([dad.request({ method: 'GET', url }), dad.request({ method: 'GET', url })]);
    const rows = await auditOf('pickup.code_view', child(3).studentId);
    expect(rows.map((r) => r.actorUserId)).toEqual([child(3).guardianUserId, father.id]);
    expect(rows[0]).toMatchObject({
      objectType: 'student',
      scopeSchoolId: world.school.schoolId,
      ip: '172.16.0.9',
      userAgent: 'WeChat/8.0 (iPhone)',
      details: { date: SERVICE_DATE },
    });
  });
});

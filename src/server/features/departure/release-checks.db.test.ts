// The gate verifies before it releases (issue 14.4), against PostgreSQL through the real route: a
// release to a listed person without the pickup code needs an identity check (the photo on file, the
// ID number's last four, or the ID document), a release before the child's batch needs confirming,
// both are stored with the release as sent; a refused release stores nothing. The database itself
// refuses a listed-person release without a check (migration 0007).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { markChildren, setShanghaiTime } from '../../../../test/bulk-day.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { buildFile } from '../../../../test/factories.js';
import { giveCode } from '../../../../test/pickup-codes.js';
import { auditLog, childDayEvents, notifications, pickupCodes, pickupPersons } from '../../../db/schema.js';

let t: TestApp;
let world: DayWorld;
let gate: SignedIn;

const day = () => `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}`;
const child = (i: number) => {
  const c = world.children[i];
  if (!c) throw new Error(`no child ${i}`);
  return c;
};

function release(body: Record<string, unknown>) {
  return gate.request({ method: 'POST', url: `${day()}/releases`, payload: { deviceId: 'gate-1', ...body } });
}

// What the refused release might have left behind: its event, its audit record, the guardians' message.
async function traces(i: number) {
  const db = t.database.db;
  const studentId = child(i).studentId;
  const [events, audits, messages] = await Promise.all([
    db
      .select()
      .from(childDayEvents)
      .where(and(eq(childDayEvents.studentId, studentId), eq(childDayEvents.kind, 'release'))),
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, studentId), eq(auditLog.action, 'departure.release'))),
    db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, child(i).guardianUserId), eq(notifications.kind, 'released'))),
  ]);
  return { events, audits, messages };
}

async function releaseRow(i: number) {
  const { events } = await traces(i);
  expect(events).toHaveLength(1);
  return events[0];
}

beforeAll(async () => {
  t = await buildTestApp();
  // Every child's batch is 第一批 17:00; the clock stands at 15:30.
  world = await buildDayWorld(t.database.db, { groups: 1, perGroup: 8 });
  await markChildren(t.database.db, world, world.children);
  gate = await signIn(t, world.users.gateGuard);
  // Child 1's pickup person has a photo on file.
  const photo = await buildFile(t.database.db, world.school, 'pickup_photo');
  await t.database.db
    .update(pickupPersons)
    .set({ photoFileId: photo.fileId })
    .where(eq(pickupPersons.personId, child(1).pickupPersonId));
});
afterAll(async () => {
  await t?.close();
});

describe('a release to a listed person without the code needs an identity check (issue 14.4)', () => {
  it('refuses a release with no check, in Chinese and English, and stores nothing', async () => {
    const res = await release({
      studentId: child(0).studentId,
      method: 'listed_person',
      pickupPersonId: child(0).pickupPersonId,
      confirmEarly: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'IDENTITY_CHECK_REQUIRED' });
    expect(res.json().message).toMatch(/核验接送人身份.* \/ .*check the person’s identity/);
    expect(await traces(0)).toEqual({ events: [], audits: [], messages: [] });
  });

  it('refuses a photo check without a photo on file and last digits that are not four', async () => {
    const photo = await release({
      studentId: child(0).studentId,
      method: 'listed_person',
      pickupPersonId: child(0).pickupPersonId,
      identityCheck: { method: 'photo' },
      confirmEarly: true,
    });
    expect(photo.statusCode).toBe(400);
    expect(photo.json().details.fields[0].path).toBe('body.identityCheck.method');
    for (const last4 of ['123', '12345', 'abcd']) {
      const digits = await release({
        studentId: child(0).studentId,
        method: 'listed_person',
        pickupPersonId: child(0).pickupPersonId,
        identityCheck: { method: 'id_last4', last4 },
        confirmEarly: true,
      });
      expect(digits.statusCode, last4).toBe(400);
      expect(digits.json().details.fields[0].path).toBe('body.identityCheck.last4');
    }
    // A check goes only with a release to a listed person without the code.
    const alone = await release({
      studentId: child(0).studentId,
      method: 'alone',
      identityCheck: { method: 'id_document' },
      confirmEarly: true,
    });
    expect(alone.statusCode).toBe(400);
    expect(await traces(0)).toEqual({ events: [], audits: [], messages: [] });
  });

  it('stores the photo check, the last four as read, or the ID document, with the release', async () => {
    const byPhoto = await release({
      studentId: child(1).studentId,
      method: 'listed_person',
      pickupPersonId: child(1).pickupPersonId,
      identityCheck: { method: 'photo' },
      confirmEarly: true,
    });
    expect(byPhoto.statusCode, byPhoto.body).toBe(201);
    expect(byPhoto.json().release.identityCheck).toEqual({ method: 'photo', last4: null });
    expect(await releaseRow(1)).toMatchObject({ identityCheck: 'photo', idLast4: null });

    const byDigits = await release({
      studentId: child(0).studentId,
      method: 'listed_person',
      pickupPersonId: child(0).pickupPersonId,
      identityCheck: { method: 'id_last4', last4: '０４１x' },
      confirmEarly: true,
    });
    expect(byDigits.statusCode, byDigits.body).toBe(201);
    expect(byDigits.json().release.identityCheck).toEqual({ method: 'id_last4', last4: '041X' });
    expect(await releaseRow(0)).toMatchObject({
      method: 'listed_person',
      identityCheck: 'id_last4',
      idLast4: '041X',
    });
    const { audits, messages } = await traces(0);
    expect(audits[0]?.details).toMatchObject({ identityCheck: { method: 'id_last4', last4: '041X' } });
    expect(messages[0]?.body.zh).toContain('核验方式：身份证号后四位 041X');

    const byDocument = await release({
      studentId: child(2).studentId,
      method: 'listed_person',
      pickupPersonId: child(2).pickupPersonId,
      identityCheck: { method: 'id_document' },
      confirmEarly: true,
    });
    expect(byDocument.statusCode, byDocument.body).toBe(201);
    expect(await releaseRow(2)).toMatchObject({ identityCheck: 'id_document', idLast4: null });
  });

  it('is refused by the database too: a listed-person release without a check cannot be stored', async () => {
    const insert = () =>
      t.database.db.insert(childDayEvents).values({
        schoolId: world.school.schoolId,
        serviceDate: SERVICE_DATE,
        studentId: child(7).studentId,
        enrollmentId: child(7).enrollmentId,
        kind: 'release',
        method: 'listed_person',
        pickupPersonId: child(7).pickupPersonId,
        at: new Date(),
      });
    await expect(insert()).rejects.toMatchObject({
      cause: { constraint: 'child_day_events_listed_person_checked' },
    });
    // Releases recorded before migration 0007 had no check and stay valid.
    await expect(
      t.database.db.insert(childDayEvents).values({
        schoolId: world.school.schoolId,
        serviceDate: '2026-11-27',
        studentId: child(7).studentId,
        enrollmentId: child(7).enrollmentId,
        kind: 'release',
        method: 'listed_person',
        pickupPersonId: child(7).pickupPersonId,
        at: new Date('2026-11-27T09:00:00Z'),
        recordedAt: new Date('2026-11-27T09:00:01Z'),
      }),
    ).resolves.toBeDefined();
  });
});

describe('a release before the child’s batch must be confirmed (issue 14.4, C 2)', () => {
  it('refuses an early release without the confirmation, with the batch and the minutes, and stores nothing', async () => {
    const res = await release({
      studentId: child(3).studentId,
      method: 'listed_person',
      pickupPersonId: child(3).pickupPersonId,
      identityCheck: { method: 'id_document' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: 'EARLY_RELEASE_UNCONFIRMED',
      details: { batchName: '第一批', batchTime: '17:00', minutesEarly: 90, clause: 'C 2' },
    });
    expect(res.json().message).toContain('提前 90 分钟');
    expect(await traces(3)).toEqual({ events: [], audits: [], messages: [] });
  });

  it('shows the gate that it is early, and stores the confirmation with the release', async () => {
    const found = await gate.request({
      method: 'GET',
      url: `${day()}/pickup/children/${child(3).studentId}`,
    });
    expect(found.json().early).toEqual({ batchName: '第一批', batchTime: '17:00', minutesEarly: 90 });
    const res = await release({
      studentId: child(3).studentId,
      method: 'listed_person',
      pickupPersonId: child(3).pickupPersonId,
      identityCheck: { method: 'id_document' },
      confirmEarly: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().release.early).toEqual({ batchTime: '17:00', minutesEarly: 90 });
    expect(await releaseRow(3)).toMatchObject({ earlyBatchTime: '17:00', earlyMinutes: 90 });
    const { audits, messages } = await traces(3);
    expect(audits[0]?.details).toMatchObject({ early: { batchTime: '17:00', minutesEarly: 90 } });
    expect(messages[0]?.body.zh).toContain('早于离校批次 17:00 90 分钟放行');
  });

  it('asks a pickup-code release too, without counting a wrong try; not early at the batch time', async () => {
    const code = await giveCode(t.database.db, {
      schoolId: world.school.schoolId,
      date: SERVICE_DATE,
      studentId: child(4).studentId,
    });
    try {
      setShanghaiTime(t.clock, '16:59');
      // The session's idle limit runs on the same clock: the guard signs in again.
      gate = await signIn(t, world.users.gateGuard);
      const early = await release({
        studentId: child(4).studentId,
        method: 'pickup_code',
        code,
        pickupPersonId: child(4).pickupPersonId,
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().details).toMatchObject({ batchTime: '17:00', minutesEarly: 1 });
      expect(await traces(4)).toEqual({ events: [], audits: [], messages: [] });
      const [codeRow] = await t.database.db
        .select()
        .from(pickupCodes)
        .where(eq(pickupCodes.studentId, child(4).studentId));
      expect(codeRow?.failures).toBe(0);

      setShanghaiTime(t.clock, '17:00');
      gate = await signIn(t, world.users.gateGuard);
      const onTime = await release({
        studentId: child(4).studentId,
        method: 'pickup_code',
        code,
        pickupPersonId: child(4).pickupPersonId,
      });
      expect(onTime.statusCode, onTime.body).toBe(201);
      expect(onTime.json().release).toMatchObject({
        method: 'pickup_code',
        identityCheck: null,
        early: null,
      });
      expect(await releaseRow(4)).toMatchObject({
        identityCheck: null,
        earlyBatchTime: null,
        earlyMinutes: null,
      });
    } finally {
      setShanghaiTime(t.clock, '15:30');
    }
  });
});

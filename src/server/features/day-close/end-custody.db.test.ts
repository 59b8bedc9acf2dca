// C 延时托管 at the end of the service against PostgreSQL: the duty chief moves every child still in
// care to extended custody with one named staff member in one action — refused before the end time,
// for a staff member who may not be put in charge, on a closed day and for another school; all or
// nothing; repeated, it moves nobody again. The day then closes at once with the children in custody
// recorded with whom, and the gate releases them after the close as their guardians come; every other
// write to the closed day stays refused (F-14, F-16, issue 14.3).
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { markChildren, setShanghaiTime } from '../../../../test/bulk-day.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { dayEvents } from '../../../../test/day-events.js';
import { buildStaff } from '../../../../test/factories.js';
import { auditLog, childDayEvents, dayClosures, notifications, staff } from '../../../db/schema.js';

let t: TestApp;
let world: DayWorld;
let chief: SignedIn;
let custodianId = '';
let noLetterId = '';
let archivedId = '';
let otherSchoolStaffId = '';

const dayUrl = (w: DayWorld = world) => `/api/schools/${w.school.schoolId}/days/${SERVICE_DATE}`;
const child = (i: number) => {
  const c = world.children[i];
  if (!c) throw new Error(`no child ${i}`);
  return c;
};
const endCustody = (actor: SignedIn, staffId: string, w: DayWorld = world) =>
  actor.request({ method: 'POST', url: `${dayUrl(w)}/end-custody`, payload: { staffId } });
const custodies = () =>
  t.database.db
    .select()
    .from(childDayEvents)
    .where(and(eq(childDayEvents.schoolId, world.school.schoolId), eq(childDayEvents.kind, 'custody')));
const custodyAudits = () =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.scopeSchoolId, world.school.schoolId), eq(auditLog.action, 'departure.custody')));
const custodyMessages = async () =>
  (await t.database.db.select().from(notifications).where(eq(notifications.kind, 'custody'))).filter((m) =>
    world.children.some((c) => c.guardianUserId === m.userId),
  );

// A session for each step: the clock jumps by hours here, which ends an idle session.
const chiefNow = () => signIn(t, world.users.dutyChief);

beforeAll(async () => {
  t = await buildTestApp();
  // Six children in two groups; the first has extended custody recorded.
  world = await buildDayWorld(t.database.db, { groups: 2, perGroup: 3, extendedCustody: 1 });
  chief = await chiefNow();
  const db = t.database.db;
  custodianId = (await buildStaff(db, world.school, { name: '托管老师' })).staffId;
  noLetterId = (await buildStaff(db, world.school, { name: '无责任书', letter: null })).staffId;
  archivedId = (await buildStaff(db, world.school, { name: '已离职' })).staffId;
  await db
    .update(staff)
    .set({ archivedAt: new Date('2026-11-01T00:00:00Z') })
    .where(eq(staff.staffId, archivedId));
  const other = await buildDayWorld(db, { groups: 1, perGroup: 1 });
  otherSchoolStaffId = (await buildStaff(db, other.school, { name: '外校老师' })).staffId;
  // Five came; one was absent and the guardian reached; one has left with the first batch.
  await markChildren(db, world, world.children.slice(0, 5));
  await dayEvents(db, world, child(5), [{ kind: 'mark', mark: 'absent' }, { kind: 'contact' }]);
  await dayEvents(db, world, child(4), [{ kind: 'release' }]);
});
afterAll(async () => {
  await t?.close();
});

describe('moving every child still in care to extended custody at the end time', () => {
  it('is refused before the end time, even a second before, and changes nothing', async () => {
    const early = await endCustody(chief, custodianId);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: 'SERVICE_NOT_ENDED', details: { endTime: '18:00' } });
    expect(early.json().message).toContain('课后服务 18:00 结束');
    setShanghaiTime(t.clock, '17:59');
    t.clock.advance(59_000);
    const second = await endCustody(await chiefNow(), custodianId);
    expect(second.json().error).toBe('SERVICE_NOT_ENDED');
    expect(await custodies()).toEqual([]);
    // In care before the end time: in school, nobody unknown, nothing offered yet.
    const view = (await (await chiefNow()).request({ method: 'GET', url: dayUrl() })).json();
    expect(view.counts).toMatchObject({ inSchool: 4, unaccounted: 0 });
    expect(view.endCustody).toMatchObject({ offered: false, due: 4 });
  });

  it('at the end time the page offers it, with the staff who may keep children and the duty chief proposed', async () => {
    setShanghaiTime(t.clock, '18:00');
    const view = (await (await chiefNow()).request({ method: 'GET', url: dayUrl() })).json();
    expect(view.counts).toMatchObject({ inSchool: 4, unaccounted: 0 });
    const names = view.endCustody.staff.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(['托管老师', '值日总护导']));
    expect(names).not.toContain('无责任书');
    expect(names).not.toContain('已离职');
    const chiefStaff = view.endCustody.staff.find((s: { name: string }) => s.name === '值日总护导');
    expect(view.endCustody).toMatchObject({ offered: true, due: 4, defaultStaffId: chiefStaff.staffId });
    // One second later, the children still in care without a decision are unknown.
    t.clock.advance(1000);
    const after = (await (await chiefNow()).request({ method: 'GET', url: dayUrl() })).json();
    expect(after.counts).toMatchObject({ inSchool: 0, unaccounted: 4 });
    expect(after.unaccounted.map((u: { reason: string }) => u.reason)).toEqual(
      Array(4).fill('no_custody_decision'),
    );
    expect(after.closable).toBe(false);
  });

  it('refuses a staff member who may not be put in charge, or of another school, and changes nothing', async () => {
    const actor = await chiefNow();
    for (const staffId of [noLetterId, archivedId, otherSchoolStaffId]) {
      const res = await endCustody(actor, staffId);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({
        error: 'VALIDATION_FAILED',
        details: { fields: [{ path: 'body.staffId' }] },
      });
      expect(res.json().message).toContain('岗位责任书');
    }
    const missing = await actor.request({ method: 'POST', url: `${dayUrl()}/end-custody`, payload: {} });
    expect(missing.statusCode).toBe(400);
    const extra = await actor.request({
      method: 'POST',
      url: `${dayUrl()}/end-custody`,
      payload: { staffId: custodianId, all: true },
    });
    expect(extra.statusCode).toBe(400);
    expect(await custodies()).toEqual([]);
  });

  it('is refused to another school’s duty chief and to the school’s care teacher', async () => {
    const other = await buildDayWorld(t.database.db, { groups: 1, perGroup: 1 });
    const otherChief = await signIn(t, other.users.dutyChief);
    expect((await endCustody(otherChief, custodianId)).statusCode).toBe(403);
    const teacher = await signIn(t, world.users.teachers[0] ?? '');
    expect((await endCustody(teacher, custodianId)).statusCode).toBe(403);
    expect(await custodies()).toEqual([]);
  });

  it('is all or nothing: one child’s custody failing leaves every child as they were', async () => {
    const db = t.database.db;
    // The last child in care cannot be written: the whole action rolls back.
    const blocked = child(3).studentId;
    await db.execute(
      sql.raw(`create or replace function test_block_custody() returns trigger language plpgsql as $$
        begin
          if new.kind = 'custody' and new.student_id = '${blocked}' then
            raise exception 'blocked for the test';
          end if;
          return new;
        end $$`),
    );
    await db.execute(
      sql.raw(`create trigger test_block_custody before insert on child_day_events
        for each row execute function test_block_custody()`),
    );
    try {
      const res = await endCustody(await chiefNow(), custodianId);
      expect(res.statusCode).toBe(500);
    } finally {
      await db.execute(sql.raw('drop trigger test_block_custody on child_day_events'));
      await db.execute(sql.raw('drop function test_block_custody()'));
    }
    expect(await custodies()).toEqual([]);
    expect(await custodyAudits()).toEqual([]);
    expect(await custodyMessages()).toEqual([]);
  });

  it('moves the four children still in care in one action, audited, the guardians told', async () => {
    const res = await endCustody(await chiefNow(), custodianId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      moved: 4,
      inCustody: 4,
      custodian: { staffId: custodianId, name: '托管老师' },
    });
    const rows = await custodies();
    expect(rows.map((r) => r.studentId).sort()).toEqual([0, 1, 2, 3].map((i) => child(i).studentId).sort());
    for (const r of rows) {
      expect(r).toMatchObject({ staffId: custodianId, byUser: world.users.dutyChief });
      // The recorded need (the first child) or because nobody had collected them by the end time.
      expect(r.automatic).toBe(r.studentId !== child(0).studentId);
    }
    const audits = await custodyAudits();
    expect(audits).toHaveLength(4);
    for (const a of audits) {
      expect(a).toMatchObject({ actorUserId: world.users.dutyChief });
      expect(a.details).toMatchObject({ staffId: custodianId, staffName: '托管老师' });
    }
    expect(await custodyMessages()).toHaveLength(4);

    const view = (await (await chiefNow()).request({ method: 'GET', url: dayUrl() })).json();
    expect(view.counts).toMatchObject({ inCustody: 4, inSchool: 0, unaccounted: 0, custody: 4 });
    expect(view.unaccounted).toEqual([]);
    // Every child is accounted for (custody with a named staff member): the day may close at once.
    expect(view.closable).toBe(true);
    expect(view.endCustody).toMatchObject({ offered: false, due: 0 });
    const first = view.children.find((c: { studentId: string }) => c.studentId === child(1).studentId);
    expect(first).toMatchObject({
      standing: 'in_custody',
      custody: { staffName: '托管老师', automatic: true, by: expect.any(String) },
    });
  });

  it('repeated, moves nobody again and changes nothing', async () => {
    const again = await endCustody(await chiefNow(), custodianId);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ moved: 0, inCustody: 4 });
    expect(await custodies()).toHaveLength(4);
    expect(await custodyAudits()).toHaveLength(4);
  });

  it('the day closes with the four in custody, recorded with whom; the gate still releases them after it', async () => {
    setShanghaiTime(t.clock, '18:05');
    const actor = await chiefNow();
    const close = await actor.request({ method: 'POST', url: `${dayUrl()}/close`, payload: {} });
    expect(close.statusCode, close.body).toBe(200);
    const closed = close.json();
    // C 延时托管: how many were in custody at the close, and with whom.
    expect(closed.closure.summary).toMatchObject({
      inCustody: 4,
      custody: 4,
      released: 1,
      unaccounted: 0,
      custodyByStaff: [{ staffId: custodianId, staffName: '托管老师', count: 4 }],
    });
    const [stored] = await t.database.db
      .select()
      .from(dayClosures)
      .where(eq(dayClosures.schoolId, world.school.schoolId));
    expect(stored?.summary).toMatchObject({
      inCustody: 4,
      custodyByStaff: [{ staffId: custodianId, staffName: '托管老师', count: 4 }],
    });
    const [closeAudit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.scopeSchoolId, world.school.schoolId), eq(auditLog.action, 'day.close')));
    expect(closeAudit?.details).toMatchObject({ inCustody: 4, custodyByStaff: [{ count: 4 }] });

    // After the close, guardians come: the gate board still shows the four in custody, and the gate
    // finds each child by the code and releases them.
    setShanghaiTime(t.clock, '18:20');
    const gate = await signIn(t, world.users.gateGuard);
    const board = await gate.request({ method: 'GET', url: `${dayUrl()}/board` });
    expect(board.statusCode, board.body).toBe(200);
    const onBoard = board
      .json()
      .children.filter((c: { section: string }) => c.section === 'custody')
      .map((c: { studentId: string }) => c.studentId)
      .sort();
    expect(onBoard).toEqual([0, 1, 2, 3].map((i) => child(i).studentId).sort());
    for (const i of [0, 1, 2, 3]) {
      const guardian = await signIn(t, child(i).guardianUserId);
      const tile = await guardian.request({
        method: 'GET',
        url: `/api/schools/${world.school.schoolId}/students/${child(i).studentId}/pickup-code`,
      });
      expect(tile.statusCode, tile.body).toBe(200);
      const code = tile.json().code;
      const found = await gate.request({
        method: 'POST',
        url: `${dayUrl()}/pickup/lookup`,
        payload: { code },
      });
      expect(found.statusCode, found.body).toBe(200);
      expect(found.json()).toMatchObject({ studentId: child(i).studentId, status: 'in_custody' });
      const res = await gate.request({
        method: 'POST',
        url: `${dayUrl()}/releases`,
        payload: {
          studentId: child(i).studentId,
          method: 'pickup_code',
          code,
          pickupPersonId: child(i).pickupPersonId,
          deviceId: 'gate-1',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // Stored and audited like any release.
    const releases = await t.database.db
      .select()
      .from(childDayEvents)
      .where(and(eq(childDayEvents.schoolId, world.school.schoolId), eq(childDayEvents.kind, 'release')));
    expect(releases.map((r) => r.studentId).sort()).toEqual(
      [0, 1, 2, 3, 4].map((i) => child(i).studentId).sort(),
    );
    const releaseAudits = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.scopeSchoolId, world.school.schoolId), eq(auditLog.action, 'departure.release')),
      );
    expect(releaseAudits).toHaveLength(4);
    for (const a of releaseAudits) {
      expect(a).toMatchObject({ actorUserId: world.users.gateGuard });
      expect(a.details).toMatchObject({ method: 'pickup_code', deviceId: 'gate-1' });
    }
    const view = (await (await chiefNow()).request({ method: 'GET', url: dayUrl() })).json();
    expect(view.counts).toMatchObject({ inCustody: 0, released: 5, custody: 4, unaccounted: 0 });
    // The close record stays as it was at the close.
    expect(view.closure.summary).toMatchObject({ inCustody: 4, released: 1 });
  });

  it('after the close every other write stays refused (DAY_CLOSED) and changes nothing', async () => {
    const actor = await chiefNow();
    const gate = await signIn(t, world.users.gateGuard);
    const before = (await t.database.db.select().from(childDayEvents)).length;
    // The one action, a new custody, a second release of a child released from custody, the release
    // of a child who was not in custody (absent), a call, a mark.
    expect((await endCustody(actor, custodianId)).json().error).toBe('DAY_CLOSED');
    const custody = await actor.request({
      method: 'POST',
      url: `${dayUrl()}/custody`,
      payload: { studentId: child(5).studentId, staffId: custodianId },
    });
    expect(custody.statusCode, custody.body).toBe(409);
    expect(custody.json().error).toBe('DAY_CLOSED');
    const again = await gate.request({
      method: 'POST',
      url: `${dayUrl()}/releases`,
      payload: {
        studentId: child(0).studentId,
        method: 'listed_person',
        pickupPersonId: child(0).pickupPersonId,
        identityCheck: { method: 'id_document' },
        deviceId: 'gate-2',
      },
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({
      error: 'CHILD_DAY_REFUSED',
      details: { refusal: 'already_released' },
    });
    const absent = await gate.request({
      method: 'POST',
      url: `${dayUrl()}/releases`,
      payload: {
        studentId: child(5).studentId,
        method: 'listed_person',
        pickupPersonId: child(5).pickupPersonId,
        identityCheck: { method: 'id_document' },
        deviceId: 'gate-2',
      },
    });
    expect(absent.statusCode, absent.body).toBe(409);
    expect(absent.json().error).toBe('DAY_CLOSED');
    const call = await gate.request({
      method: 'POST',
      url: `${dayUrl()}/calls`,
      payload: { studentId: child(5).studentId },
    });
    expect(call.statusCode, call.body).toBe(409);
    expect(call.json().error).toBe('DAY_CLOSED');
    expect((await t.database.db.select().from(childDayEvents)).length).toBe(before);
  });
});

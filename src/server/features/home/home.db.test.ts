// The school admin's day at a glance (issue 14.9) against PostgreSQL: known marks, follow-ups, custody,
// applications, letters and the plan give known figures; a weekend says it is no service day; another
// school's admin is refused. And the profile's own staff record (issue 14.11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { dayEvents } from '../../../../test/day-events.js';
import { buildStaff, buildStudent } from '../../../../test/factories.js';
import { applications } from '../../../db/schema.js';
import type { SchoolToday } from './schemas.js';

let t: TestApp;
let world: DayWorld;
let other: DayWorld;
let admin: SignedIn;

function child(group: number, index: number) {
  const id = world.groups[group]?.studentIds[index];
  const c = world.children.find((x) => x.studentId === id);
  if (!c) throw new Error('no child');
  return c;
}
const today = (who: SignedIn, w: DayWorld = world) =>
  who.request({ method: 'GET', url: `/api/schools/${w.school.schoolId}/today` });

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  world = await buildDayWorld(db, { groups: 2, perGroup: 4, extendedCustody: 1 });
  other = await buildDayWorld(db, { groups: 1, perGroup: 1 });
  admin = await signIn(t, world.users.admin);
  const custodian = await buildStaff(db, world.school, { name: '托管老师' });
  // Group 1: present, late, absent (nobody reached yet), on leave.
  await dayEvents(db, world, child(0, 0), [{ kind: 'mark', mark: 'present' }]);
  await dayEvents(db, world, child(0, 1), [{ kind: 'mark', mark: 'late' }]);
  await dayEvents(db, world, child(0, 2), [{ kind: 'mark', mark: 'absent' }]);
  await dayEvents(db, world, child(0, 3), [{ kind: 'mark', mark: 'leave' }]);
  // Group 2: absent with the guardian reached, absent and escalated, in custody, not marked.
  await dayEvents(db, world, child(1, 0), [{ kind: 'mark', mark: 'absent' }, { kind: 'contact' }]);
  await dayEvents(db, world, child(1, 1), [{ kind: 'mark', mark: 'absent' }, { kind: 'escalate' }]);
  await dayEvents(db, world, child(1, 2), [
    { kind: 'mark', mark: 'present' },
    { kind: 'custody', staffId: custodian.staffId, automatic: true },
  ]);
  // Two applications wait for the school's decision.
  for (let i = 0; i < 2; i++) {
    const student = await buildStudent(db, world.school);
    await db.insert(applications).values({
      schoolId: world.school.schoolId,
      termId: world.termId,
      planId: world.planId,
      studentId: student.studentId,
      source: 'online',
      weekdays: [1, 2],
      departureBatch: '第一批',
      submittedBy: world.users.admin,
      submittedAt: new Date('2026-11-20T02:00:00Z'),
    });
  }
  // A 三.1: one letter ends within 30 days of 2026-11-30, one has ended, one is archived (not counted).
  await buildStaff(db, world.school, {
    name: '即将到期',
    letter: { signedOn: '2025-12-21', validUntil: '2026-12-20' },
  });
  await buildStaff(db, world.school, {
    name: '已过期',
    letter: { signedOn: '2025-08-25', validUntil: '2026-08-24' },
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('the school admin’s day at a glance (issue 14.9)', () => {
  it('counts the day from its records: 实到 includes the late child and the one now in custody', async () => {
    const res = await today(admin);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as SchoolToday;
    expect(view.date).toBe(SERVICE_DATE);
    expect(view.term).toMatchObject({ id: world.termId });
    expect(view.day).toEqual({
      served: true,
      closed: false,
      attendance: { expected: 8, attended: 3, late: 1, absent: 3, onLeave: 1, unmarked: 1 },
      // The absence nobody followed up and the escalated one; the contacted one is done.
      openAbsences: 2,
      inCustody: 1,
    });
    expect(view.pendingApplications).toBe(2);
    expect(view.letters.expiring).toEqual([
      { staffId: expect.any(String), name: '即将到期', validUntil: '2026-12-20' },
    ]);
    expect(view.letters.expired.map((p) => p.name)).toEqual(['已过期']);
  });

  it('reports the plan’s findings as the plan page shows them', async () => {
    const view = (await today(admin)).json() as SchoolToday;
    const plan = (
      await admin.request({
        method: 'GET',
        url: `/api/schools/${world.school.schoolId}/plans/${world.planId}`,
      })
    ).json() as { findings: { severity: 'error' | 'warning' }[] };
    expect(view.plan).toEqual({
      planId: world.planId,
      status: 'approved',
      errors: plan.findings.filter((f) => f.severity === 'error').length,
      warnings: plan.findings.filter((f) => f.severity === 'warning').length,
    });
  });

  it('says so on a day without service, with the reason, and still shows the office’s work', async () => {
    // Saturday 2026-12-05 by the request's clock.
    t.clock.advance(5 * 24 * 3600_000);
    try {
      const res = await today(await signIn(t, world.users.admin));
      expect(res.statusCode, res.body).toBe(200);
      const view = res.json() as SchoolToday;
      expect(view.date).toBe('2026-12-05');
      expect(view.day).toMatchObject({ served: false, reason: 'weekend' });
      expect(view.day.served === false && view.day.message.zh).toContain('周末');
      expect(view.pendingApplications).toBe(2);
    } finally {
      t.clock.advance(-5 * 24 * 3600_000);
    }
  });

  it('refuses another school’s admin, and the duty chief of the school', async () => {
    const otherAdmin = await signIn(t, other.users.admin);
    expect((await today(otherAdmin)).statusCode).toBe(403);
    expect((await today(otherAdmin, other)).statusCode).toBe(200);
    const chief = await signIn(t, world.users.dutyChief);
    expect((await today(chief)).statusCode).toBe(403);
  });
});

describe('the profile’s own staff record (issue 14.11)', () => {
  it('gives a staff member their record’s phone; another school is refused', async () => {
    const teacher = await signIn(t, world.users.teachers[0] as string);
    const res = await teacher.request({
      method: 'GET',
      url: `/api/schools/${world.school.schoolId}/me/staff`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().staff).toMatchObject({ phone: expect.stringMatching(/^139\d{8}$/) });
    const elsewhere = await teacher.request({
      method: 'GET',
      url: `/api/schools/${other.school.schoolId}/me/staff`,
    });
    expect(elsewhere.statusCode).toBe(403);
    // An account without a staff record at its school gets none, not someone else's.
    const gate = await signIn(t, world.users.gateGuard);
    const none = await gate.request({ method: 'GET', url: `/api/schools/${world.school.schoolId}/me/staff` });
    expect(none.json()).toEqual({ staff: null });
  });
});

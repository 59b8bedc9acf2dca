// A simulation of 1,000 child-days through the API (issue 5): five Mondays of a school with five
// groups of 40, random leave sent by guardians, absences (some followed up, the rest left to the
// escalation job), late arrivals corrected by the duty chief, phones that lose the network and send
// their roll call late and twice, two gates releasing the same child at once, guardians who come late
// so that the custody job takes their child into extended custody before they arrive. At the end of
// every day no child is unaccounted for (F-16), and no child left without a release record.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../test/app.js';
import { buildDayWorld, type DayWorld } from '../../../test/daily-world.js';
import { childDayEvents } from '../../db/schema.js';
import { prng } from '../../demo/random.js';
import { dayCloseProblems } from '../../domain/child-day.js';
import { schoolInstant } from '../clock.js';
import { dayMoment } from '../features/day-close/day-moment.js';
import { loadSchool } from '../features/plans/plan-setting.js';
import { loadDayChildren } from './child-days.js';
import { runDailyJobs } from './jobs.js';
import { loadServiceDay } from './service-day.js';

const MONDAYS = ['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28'];

describe('1,000 child-days', () => {
  let t: TestApp;
  let world: DayWorld;
  const random = prng(20_261_130);
  const chance = (p: number) => random() < p;
  // Sessions signed in afresh after each jump of the clock (a jump of hours ends an idle session).
  const sessions = new Map<string, SignedIn>();
  const as = async (userId: string): Promise<SignedIn> => {
    let session = sessions.get(userId);
    if (!session) {
      session = await signIn(t, userId);
      sessions.set(userId, session);
    }
    return session;
  };
  const totals = { released: 0, custody: 0, absent: 0, leave: 0, escalated: 0, raced: 0, offline: 0 };

  beforeAll(async () => {
    t = await buildTestApp({ rateLimit: { max: 1_000_000, loginMax: 1000, timeWindowMs: 60_000 } });
    world = await buildDayWorld(t.database.db, {
      groups: 5,
      perGroup: 40,
      extendedCustody: 12,
      mayLeaveAlone: 6,
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const setTime = (date: string, time: string) => {
    const target = schoolInstant(date, time).getTime();
    t.clock.advance(target - t.clock.now().getTime());
    sessions.clear();
  };
  const teacher = (g: number) => as(world.users.teachers[g] as string);
  const chief = () => as(world.users.dutyChief);
  const gate = (i: number) => as(i === 0 ? world.users.gateGuard : world.users.admin);
  const guardian = (studentId: string) =>
    as(world.children.find((c) => c.studentId === studentId)?.guardianUserId as string);
  const base = (date: string) => `/api/schools/${world.school.schoolId}/days/${date}`;

  it('ends every day with every child accounted for', async () => {
    const db = t.database.db;
    for (const date of MONDAYS) {
      // 07:30 — a few guardians send leave for today.
      setTime(date, '07:30');
      const onLeave = new Set<string>();
      for (const c of world.children) {
        if (!chance(0.03)) continue;
        const res = await (await guardian(c.studentId)).request({
          method: 'POST',
          url: `/api/schools/${world.school.schoolId}/students/${c.studentId}/leave-requests`,
          payload: { fromDate: date, toDate: date, reason: '身体不适' },
        });
        expect(res?.statusCode, res?.body).toBeLessThan(300);
        onLeave.add(c.studentId);
      }

      // 15:35 — roll call per group; a fifth of the phones are offline and send at 16:05, twice.
      setTime(date, '15:35');
      const absent = new Set<string>();
      const late: string[] = [];
      const offline: { teacher: SignedIn; key: string; payload: unknown }[] = [];
      for (const [g, group] of world.groups.entries()) {
        const phone = await teacher(g);
        const marks = group.studentIds
          .filter((id) => !onLeave.has(id))
          .map((studentId) => {
            const r = random();
            const mark = r < 0.05 ? 'absent' : r < 0.08 ? 'late' : 'present';
            if (mark === 'absent') absent.add(studentId);
            return {
              id: randomUUID(),
              studentId,
              mark,
              basedOn: null,
              at: t.clock.now().toISOString(),
              deviceId: `phone-${g}`,
            };
          });
        const payload = { marks };
        const key = `roll-call:${date}:${g}:${randomUUID()}`;
        if (chance(0.2)) {
          offline.push({ teacher: phone, key, payload });
          continue;
        }
        const res = await phone.request({
          method: 'POST',
          url: `${base(date)}/marks`,
          payload,
          headers: { 'idempotency-key': key },
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      setTime(date, '16:05');
      for (const sent of offline) {
        totals.offline++;
        for (let i = 0; i < 2; i++) {
          const res = await sent.teacher.request({
            method: 'POST',
            url: `${base(date)}/marks`,
            payload: sent.payload as object,
            headers: { 'idempotency-key': sent.key },
          });
          expect(res.statusCode, res.body).toBe(200);
        }
      }
      // A late arrival: the duty chief corrects one absence to late (the follow-up is cancelled).
      const rollRes = await (await chief()).request({ method: 'GET', url: `${base(date)}/roll-call` });
      expect(rollRes.statusCode, rollRes.body).toBe(200);
      const roll = rollRes.json();
      const children = [
        ...roll.groups.flatMap((g: { children: unknown[] }) => g.children),
        ...roll.ungrouped,
      ] as {
        studentId: string;
        markId: string | null;
        status: string;
      }[];
      const arrived = children.find((c) => c.status === 'absent');
      if (arrived) {
        const res = await (await chief()).request({
          method: 'POST',
          url: `${base(date)}/marks`,
          payload: {
            marks: [
              {
                id: randomUUID(),
                studentId: arrived.studentId,
                mark: 'late',
                basedOn: arrived.markId,
                at: t.clock.now().toISOString(),
                deviceId: 'chief',
              },
            ],
          },
        });
        expect(res.json().results[0].status).toBe('saved');
        absent.delete(arrived.studentId);
        late.push(arrived.studentId);
      }
      // Most absences are followed up by the teacher; the rest escalate after the limit.
      for (const studentId of absent) {
        if (!chance(0.7)) continue;
        const c = world.children.find((x) => x.studentId === studentId);
        const g = world.groups.findIndex((x) => x.groupId === c?.groupId);
        const res = await (await teacher(g)).request({
          method: 'POST',
          url: `${base(date)}/students/${studentId}/follow-up`,
          payload: {
            contactPerson: '母亲',
            result: '已联系',
            reason: '生病在家',
            at: t.clock.now().toISOString(),
          },
        });
        expect(res.statusCode, res.body).toBeLessThan(300);
      }
      setTime(date, '16:40');
      totals.escalated += (await runDailyJobs(db, t.clock)).escalated;
      totals.absent += absent.size;
      totals.leave += onLeave.size;

      // 17:00 and 18:00 — guardians collect in their batch with the code; some come late.
      const inCare = world.children.filter((c) => !onLeave.has(c.studentId) && !absent.has(c.studentId));
      const lateGuardians = new Set(inCare.filter(() => chance(0.06)).map((c) => c.studentId));
      for (const [i, c] of inCare.entries()) {
        if (lateGuardians.has(c.studentId)) continue;
        setTime(date, i % 2 === 0 ? '17:02' : '17:40');
        const code = (
          await (
            await guardian(c.studentId)
          ).request({
            method: 'GET',
            url: `/api/schools/${world.school.schoolId}/students/${c.studentId}/pickup-code`,
          })
        )?.json().code as string;
        expect(code).toMatch(/^\d{6}$/);
        const release = async (i: number) =>
          (await gate(i)).request({
            method: 'POST',
            url: `${base(date)}/releases`,
            payload: {
              studentId: c.studentId,
              method: 'pickup_code',
              code,
              pickupPersonId: c.pickupPersonId,
              deviceId: 'gate',
            },
          });
        if (chance(0.05)) {
          // Two gates at once: exactly one release.
          totals.raced++;
          const answers = await Promise.all([release(0), release(1)]);
          expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
        } else {
          const res = await release(0);
          expect(res.statusCode, res.body).toBe(201);
        }
        totals.released++;
      }
      // 18:16 — past end (18:00) + grace (15 min): the job takes the rest into custody.
      setTime(date, '18:16');
      const moved = (await runDailyJobs(db, t.clock)).movedToCustody;
      expect(moved).toBe(lateGuardians.size);
      totals.custody += moved;
      // 18:30 — the late guardians arrive; the duty chief releases to the listed person.
      setTime(date, '18:30');
      for (const studentId of lateGuardians) {
        const c = world.children.find((x) => x.studentId === studentId);
        const res = await (await chief()).request({
          method: 'POST',
          url: `${base(date)}/releases`,
          payload: {
            studentId,
            method: 'listed_person',
            pickupPersonId: c?.pickupPersonId,
            identityCheck: { method: 'id_document' },
            deviceId: 'chief',
          },
        });
        expect(res.statusCode, res.body).toBe(201);
        totals.released++;
      }

      // The day: nobody unaccounted for; no child left without a release record.
      const setting = await loadServiceDay(db, await loadSchool(db, world.school.schoolId), date);
      const day = await loadDayChildren(db, setting);
      expect(day).toHaveLength(200);
      const moment = dayMoment(setting, t.clock.now());
      expect(
        dayCloseProblems(
          day.map((c) => ({ childId: c.studentId, day: c.day })),
          moment,
        ),
      ).toEqual([]);
      for (const c of day) {
        if (c.status === 'released') expect(c.events.filter((e) => e.kind === 'release')).toHaveLength(1);
      }
      const marks = await db
        .select({ id: childDayEvents.eventId })
        .from(childDayEvents)
        .where(and(eq(childDayEvents.serviceDate, date), eq(childDayEvents.kind, 'mark')));
      // The duty chief closes the day (F-16, A 三.6): nobody is left unaccounted for.
      const view = await (await chief()).request({ method: 'GET', url: base(date) });
      expect(view.statusCode, view.body).toBe(200);
      const closed = await (await chief()).request({
        method: 'POST',
        url: `${base(date)}/close`,
        payload: {},
      });
      expect(closed.statusCode, closed.body).toBeLessThan(300);
      // One mark per child in care or absent (no duplicate from the offline phones), plus the correction.
      expect(marks).toHaveLength(200 - onLeave.size + late.length);
    }
    expect(totals.released + totals.absent + totals.leave).toBe(1000);
    expect(totals.custody).toBeGreaterThan(0);
    expect(totals.offline).toBeGreaterThan(0);
    expect(totals.raced).toBeGreaterThan(0);
    console.log(`simulation: ${JSON.stringify(totals)}`);
  }, 240_000);
});

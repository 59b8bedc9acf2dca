// Two gates releasing the same child at once: exactly one succeeds (F-13). 1,000 children, each
// released twice at the same moment — once by code at one gate, once to the listed person by the
// duty chief — gives exactly 1,000 releases; every other answer names who released the child.
// And a correction of the roll call racing the gate's release of the same child: one of the two,
// never both (no child released and absent).
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { addBulkChildren, type BulkChild } from '../../../../test/bulk-day.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { childDayEvents } from '../../../db/schema.js';

const CHILDREN = 1_000;
const PAIRS_AT_ONCE = 25;

let t: TestApp;
let world: DayWorld;
let children: BulkChild[];
let corrected: BulkChild[];
const CORRECTED = 300;

beforeAll(async () => {
  t = await buildTestApp({ rateLimit: { max: 1_000_000, loginMax: 1000, timeWindowMs: 60_000 } });
  world = await buildDayWorld(t.database.db, { groups: 1, perGroup: 1 });
  children = await addBulkChildren(t.database.db, world, CHILDREN);
  corrected = await addBulkChildren(t.database.db, world, CORRECTED, { prefix: 'C' });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

// The east gate releases the child by its code to its listed person.
function releaseByCode(gate: SignedIn, url: string, c: BulkChild) {
  return gate.request({
    method: 'POST',
    url,
    payload: {
      studentId: c.studentId,
      method: 'pickup_code',
      code: c.code,
      pickupPersonId: c.pickupPersonId,
      confirmEarly: true,
      deviceId: 'gate-east',
    },
  });
}

it('1,000 double-release races end in exactly 1,000 releases', async () => {
  expect(children).toHaveLength(CHILDREN);
  const gate = await signIn(t, world.users.gateGuard);
  const chief = await signIn(t, world.users.dutyChief);
  const url = `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}/releases`;
  const statuses = new Map<number, number>();
  const refusals = new Map<string, number>();
  for (let i = 0; i < children.length; i += PAIRS_AT_ONCE) {
    const answers = await Promise.all(
      children.slice(i, i + PAIRS_AT_ONCE).flatMap((c) => [
        releaseByCode(gate, url, c),
        chief.request({
          method: 'POST',
          url,
          payload: {
            studentId: c.studentId,
            method: 'listed_person',
            pickupPersonId: c.pickupPersonId,
            identityCheck: { method: 'id_document' },
            confirmEarly: true,
            deviceId: 'gate-west',
          },
        }),
      ]),
    );
    for (const a of answers) {
      statuses.set(a.statusCode, (statuses.get(a.statusCode) ?? 0) + 1);
      if (a.statusCode !== 201) {
        const refusal = `${a.json().error}:${a.json().details?.refusal}`;
        refusals.set(refusal, (refusals.get(refusal) ?? 0) + 1);
      }
    }
    // Each pair: exactly one of the two.
  }
  expect(Object.fromEntries(statuses)).toEqual({ 201: CHILDREN, 409: CHILDREN });
  expect(Object.fromEntries(refusals)).toEqual({ 'CHILD_DAY_REFUSED:already_released': CHILDREN });
  const [count] = await t.database.db
    .select({
      n: sql<number>`count(*)::int`,
      children: sql<number>`count(distinct ${childDayEvents.studentId})::int`,
    })
    .from(childDayEvents)
    .where(and(eq(childDayEvents.schoolId, world.school.schoolId), eq(childDayEvents.kind, 'release')));
  expect(count).toEqual({ n: CHILDREN, children: CHILDREN });
}, 120_000);

it('a correction to absent racing the release of the same child: one of the two, never both', async () => {
  const gate = await signIn(t, world.users.gateGuard);
  const chief = await signIn(t, world.users.dutyChief);
  const schoolId = world.school.schoolId;
  const day = `/api/schools/${schoolId}/days/${SERVICE_DATE}`;
  const marks = await t.database.db
    .select({ studentId: childDayEvents.studentId, eventId: childDayEvents.eventId })
    .from(childDayEvents)
    .where(
      and(
        eq(childDayEvents.schoolId, schoolId),
        eq(childDayEvents.kind, 'mark'),
        inArray(
          childDayEvents.studentId,
          corrected.map((c) => c.studentId),
        ),
      ),
    );
  const presentMark = new Map(marks.map((m) => [m.studentId, m.eventId]));
  const outcomes = new Map<string, number>();
  for (let i = 0; i < corrected.length; i += PAIRS_AT_ONCE) {
    await Promise.all(
      corrected.slice(i, i + PAIRS_AT_ONCE).map(async (c) => {
        const [released, marked] = await Promise.all([
          releaseByCode(gate, `${day}/releases`, c),
          chief.request({
            method: 'POST',
            url: `${day}/marks`,
            payload: {
              marks: [
                {
                  id: randomUUID(),
                  studentId: c.studentId,
                  mark: 'absent',
                  basedOn: presentMark.get(c.studentId) ?? null,
                  at: `${SERVICE_DATE}T15:25:00+08:00`,
                  deviceId: 'phone-1',
                },
              ],
            },
          }),
        ]);
        expect(marked.statusCode, marked.body).toBe(200);
        const outcome = `release ${released.statusCode} ${released.json().details?.refusal ?? ''}/mark ${marked.json().results[0].status}`;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }),
    );
  }
  // Either the release came first (the correction is refused: the child has left) or the correction
  // did (the release is refused: the child is absent).
  for (const outcome of outcomes.keys()) {
    expect(['release 201 /mark refused', 'release 409 not_present/mark saved']).toContain(outcome);
  }
  expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(CORRECTED);
  const both = await t.database.db.execute<{ n: number }>(sql`
    select count(*)::int as n from child_day_events r
    where r.school_id = ${schoolId} and r.kind = 'release'
      and exists (select 1 from child_day_events m where m.school_id = r.school_id
        and m.service_date = r.service_date and m.student_id = r.student_id and m.kind = 'mark'
        and m.mark = 'absent')`);
  expect(both.rows[0]?.n).toBe(0);
}, 120_000);

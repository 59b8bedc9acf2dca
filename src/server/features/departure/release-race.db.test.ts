// Two gates releasing the same child at once: exactly one succeeds (F-13). 1,000 children, each
// released twice at the same moment — once by code at one gate, once to the listed person by the
// duty chief — gives exactly 1,000 releases; every other answer names who released the child.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../../../../test/app.js';
import { addBulkChildren, type BulkChild, distinctCodes } from '../../../../test/bulk-day.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { childDayEvents } from '../../../db/schema.js';

const CHILDREN = 1_000;
const PAIRS_AT_ONCE = 25;

let t: TestApp;
let world: DayWorld;
let children: BulkChild[];

beforeAll(async () => {
  t = await buildTestApp({ rateLimit: { max: 1_000_000, loginMax: 1000, timeWindowMs: 60_000 } });
  world = await buildDayWorld(t.database.db, { groups: 1, perGroup: 1 });
  children = await addBulkChildren(t.database.db, world, CHILDREN, { codes: distinctCodes(CHILDREN) });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

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
        gate.request({
          method: 'POST',
          url,
          payload: {
            studentId: c.studentId,
            method: 'pickup_code',
            code: c.code,
            pickupPersonId: c.pickupPersonId,
            deviceId: 'gate-east',
          },
        }),
        chief.request({
          method: 'POST',
          url,
          payload: {
            studentId: c.studentId,
            method: 'listed_person',
            pickupPersonId: c.pickupPersonId,
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

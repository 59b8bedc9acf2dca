// The close racing the gate's releases of children in extended custody (issue 14.3, F-16, C 延时托管):
// a release is stored before the close or after it, never lost. The close takes the day's lock
// exclusive and every write holds it shared, so a close waits for the releases in flight; a release
// that waited for the close sees the closure and goes in as the one write still accepted after it
// (`writableAfterClose`), while a mark waiting at the same moment is refused (DAY_CLOSED).
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { markChildren, setShanghaiTime } from '../../../../test/bulk-day.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { dayEvents } from '../../../../test/day-events.js';
import { buildStaff } from '../../../../test/factories.js';
import { childDayEvents, dayClosures } from '../../../db/schema.js';
import { dayLockKey } from '../../daily/service-day.js';

let t: TestApp;
let custodianId = '';

beforeAll(async () => {
  t = await buildTestApp({ rateLimit: { max: 1_000_000, loginMax: 1000, timeWindowMs: 60_000 } });
});
afterAll(async () => {
  await t?.close();
});

// A school whose children are all in extended custody at 18:10 (the service ends at 18:00).
async function custodyDay(perGroup: number): Promise<DayWorld> {
  const world = await buildDayWorld(t.database.db, { groups: 1, perGroup });
  custodianId = (await buildStaff(t.database.db, world.school, { name: '托管老师' })).staffId;
  await markChildren(t.database.db, world, world.children);
  for (const c of world.children) {
    await dayEvents(t.database.db, world, c, [{ kind: 'custody', staffId: custodianId, automatic: true }]);
  }
  setShanghaiTime(t.clock, '18:10');
  return world;
}

const dayUrl = (world: DayWorld) => `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}`;

function release(gate: SignedIn, world: DayWorld, c: DayWorld['children'][number], device: string) {
  return gate.request({
    method: 'POST',
    url: `${dayUrl(world)}/releases`,
    payload: {
      studentId: c.studentId,
      method: 'listed_person',
      pickupPersonId: c.pickupPersonId,
      identityCheck: { method: 'id_document' },
      deviceId: device,
    },
  });
}

const releasesOf = async (world: DayWorld) =>
  t.database.db
    .select({ studentId: childDayEvents.studentId })
    .from(childDayEvents)
    .where(and(eq(childDayEvents.schoolId, world.school.schoolId), eq(childDayEvents.kind, 'release')));

// The number of sessions of this test's database waiting for an advisory lock (the writes held up by
// the close).
async function waitingForLock(): Promise<number> {
  const rows = await t.database.db.execute<{ n: number }>(
    sql`select count(*)::int as n from pg_locks
      where locktype = 'advisory' and not granted
        and database = (select oid from pg_database where datname = current_database())`,
  );
  return rows.rows[0]?.n ?? 0;
}

it('a custody release waiting for the close is stored after it; a mark waiting with it is refused', async () => {
  const world = await custodyDay(2);
  const [first, second] = world.children;
  if (!first || !second) throw new Error('two children');
  const gate = await signIn(t, world.users.gateGuard);
  const chief = await signIn(t, world.users.dutyChief);
  let pending: Promise<Awaited<ReturnType<SignedIn['request']>>[]> = Promise.resolve([]);
  // The close in flight: the day's lock held exclusive while the closure is written, as closeDay does;
  // it commits when the callback returns, and the waiting writes go on after it.
  await t.database.db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${dayLockKey(world.school.schoolId, SERVICE_DATE)}))`,
    );
    pending = Promise.all([
      release(gate, world, first, 'gate-east'),
      chief.request({
        method: 'POST',
        url: `${dayUrl(world)}/marks`,
        payload: {
          marks: [
            {
              id: randomUUID(),
              studentId: second.studentId,
              mark: 'late',
              basedOn: null,
              at: `${SERVICE_DATE}T15:25:00+08:00`,
              deviceId: 'phone-1',
            },
          ],
        },
      }),
    ]);
    // Both writes are waiting for the day's lock before the close commits.
    await expect.poll(waitingForLock, { timeout: 10_000 }).toBe(2);
    await tx.insert(dayClosures).values({
      schoolId: world.school.schoolId,
      serviceDate: SERVICE_DATE,
      closedBy: world.users.dutyChief,
      closedAt: t.clock.now(),
      summary: { inCustody: 2 },
    });
  });
  const [r, m] = await pending;
  if (!r || !m) throw new Error('two answers');
  expect(r.statusCode, r.body).toBe(201);
  expect(m.statusCode, m.body).toBe(409);
  expect(m.json().error).toBe('DAY_CLOSED');
  expect((await releasesOf(world)).map((x) => x.studentId)).toEqual([first.studentId]);
});

it('twenty custody releases racing the close: every release stored, before or after the close', async () => {
  const world = await custodyDay(20);
  const gate = await signIn(t, world.users.gateGuard);
  const chief = await signIn(t, world.users.dutyChief);
  const answers = await Promise.all([
    ...world.children.map((c, i) => release(gate, world, c, `gate-${i}`)),
    chief.request({ method: 'POST', url: `${dayUrl(world)}/close`, payload: {} }),
  ]);
  const close = answers.at(-1);
  expect(close?.statusCode, close?.body).toBe(200);
  for (const a of answers.slice(0, -1)) expect(a.statusCode, a.body).toBe(201);
  expect(await releasesOf(world)).toHaveLength(20);
  // The close counted those released before it as left and the others as still in custody.
  const summary = close?.json().closure.summary;
  expect(summary.released + summary.inCustody).toBe(20);
  expect(summary.custodyByStaff).toEqual(
    summary.inCustody > 0 ? [{ staffId: custodianId, staffName: '托管老师', count: summary.inCustody }] : [],
  );
});

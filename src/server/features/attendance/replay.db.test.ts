// B-4 "works through a dead network": every daily write of the roll call, follow-up and leave is sent
// once on a connection that dies right after the request left the phone (the answer is lost), then
// retried three times with the same Idempotency-Key — over a real listening server, as a phone does.
// Nothing is stored twice, and every retry gets the same answer.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { childDayEvents, idempotencyKeys, leaveRequests, notifications } from '../../../db/schema.js';

let t: TestApp;
let world: DayWorld;
let teacher: SignedIn;
let guardian: SignedIn;
let port: number;

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildDayWorld(t.database.db, { groups: 1, perGroup: 5 });
  teacher = await signIn(t, world.users.teachers[0] as string);
  guardian = await signIn(t, world.children[0]?.guardianUserId as string);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

function headers(who: SignedIn, key: string, body: string) {
  return {
    cookie: who.cookie,
    'x-csrf-token': who.csrfToken,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'idempotency-key': key,
  };
}

// Sends the request and destroys the socket as soon as it is written: the answer never arrives.
function sendAndDrop(who: SignedIn, path: string, payload: unknown, key: string): Promise<void> {
  const body = JSON.stringify(payload);
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: headers(who, key, body),
      agent: false,
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.on('response', (res) => res.destroy());
    req.end(body, () => req.destroy());
  });
}

// A retry as the phone's queue makes it: again while the first is still being handled (409
// IDEMPOTENCY_IN_PROGRESS), until an answer comes.
async function retry(
  who: SignedIn,
  path: string,
  payload: unknown,
  key: string,
): Promise<{ status: number; body: string; replay: string | null }> {
  const body = JSON.stringify(payload);
  for (let attempt = 0; attempt < 50; attempt++) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: headers(who, key, body),
      body,
    });
    const text = await res.text();
    if (res.status === 409 && text.includes('IDEMPOTENCY_IN_PROGRESS')) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    return { status: res.status, body: text, replay: res.headers.get('idempotent-replay') };
  }
  throw new Error('still in progress');
}

async function dropThenRetryThrice(who: SignedIn, path: string, payload: unknown) {
  const key = `test-${randomUUID()}`;
  await sendAndDrop(who, path, payload, key);
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push(await retry(who, path, payload, key));
  const [first] = answers;
  answers.forEach((a, i) => {
    expect(a.status, a.body).toBe(200);
    expect(a.body).toBe(first?.body);
    // The dropped request may still be on its way when the first retry arrives: whichever comes
    // first does the work, every later one is the stored answer.
    if (i > 0) expect(a.replay).toBe('true');
  });
  return JSON.parse(first?.body ?? 'null');
}

describe('writes replayed after a dropped connection', () => {
  it('a roll-call batch is stored once and answered the same every time', async () => {
    const ids = world.groups[0]?.studentIds ?? [];
    const marks = ids.map((studentId, i) => ({
      id: randomUUID(),
      studentId,
      mark: i === 0 ? 'absent' : 'present',
      basedOn: null,
      at: `${SERVICE_DATE}T15:29:00+08:00`,
      deviceId: 'phone-replay',
    }));
    const path = `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}/marks`;
    const answer = await dropThenRetryThrice(teacher, path, { marks });
    // The dropped request did the work (or the first retry did): either way once, as "saved".
    expect(answer.results.map((r: { status: string }) => r.status)).toEqual(marks.map(() => 'saved'));
    const rows = await t.database.db
      .select()
      .from(childDayEvents)
      .where(eq(childDayEvents.schoolId, world.school.schoolId));
    expect(rows).toHaveLength(ids.length);
    const absence = await t.database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, world.children[0]?.guardianUserId as string),
          eq(notifications.kind, 'absence'),
        ),
      );
    expect(absence).toHaveLength(1);
    // Without the key (the keys table forgotten), the marks' own ids still make the batch a replay.
    await t.database.db.delete(idempotencyKeys);
    const again = await teacher.request({ method: 'POST', url: path, payload: { marks } });
    expect(
      (again.json() as { results: { status: string }[] }).results.every((r) => r.status === 'duplicate'),
    ).toBe(true);
  });

  it('a follow-up contact is recorded once', async () => {
    const child = world.groups[0]?.studentIds[0] as string;
    const path = `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}/students/${child}/follow-up`;
    const payload = {
      contactPerson: '母亲',
      result: '已联系上',
      reason: '病假',
      at: `${SERVICE_DATE}T15:29:30+08:00`,
    };
    const answer = await dropThenRetryThrice(teacher, path, payload);
    expect(answer).toMatchObject({ followUp: { state: 'closed' } });
    const contacts = await t.database.db
      .select()
      .from(childDayEvents)
      .where(and(eq(childDayEvents.studentId, child), eq(childDayEvents.kind, 'contact')));
    expect(contacts).toHaveLength(1);
  });

  it('a leave request and its cancellation are each done once', async () => {
    const child = world.children[0]?.studentId as string;
    const base = `/api/schools/${world.school.schoolId}/students/${child}/leave-requests`;
    const created = await dropThenRetryThrice(guardian, base, {
      fromDate: '2026-12-02',
      toDate: '2026-12-03',
      reason: '回老家',
    });
    const leaves = await t.database.db.select().from(leaveRequests).where(eq(leaveRequests.studentId, child));
    expect(leaves).toHaveLength(1);
    const cancelled = await dropThenRetryThrice(guardian, `${base}/${created.leaveId}/cancel`, {});
    expect(cancelled.cancelledAt).toEqual(expect.any(String));
  });
});

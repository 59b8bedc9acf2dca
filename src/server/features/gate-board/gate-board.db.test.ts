// The gate board across server processes (F-13): two app instances on one database, a release made
// through A reaches a board open on B within a second, through PostgreSQL LISTEN/NOTIFY; the stream is
// not compressed, a care teacher's stream carries only their groups, and the listener comes back
// after its connection is cut.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, TEST_SECRET, type TestApp } from '../../../../test/app.js';
import { markChildren } from '../../../../test/bulk-day.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { buildApp } from '../../app.js';
import { DAY_CHANNEL } from '../../daily/child-days.js';
import type { Board, BoardChild } from './board.js';
import { openSse, type SseEvent, type SseStream } from './sse-client.js';

let t: TestApp;
let b: FastifyInstance;
let baseA: string;
let baseB: string;
let world: DayWorld;
let gate: SignedIn;
const streams: SseStream[] = [];

const child = (i: number) => {
  const c = world.children[i];
  if (!c) throw new Error(`no child ${i}`);
  return c;
};
const boardPath = () => `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}/board`;

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

async function stream(base: string, actor: SignedIn, headers: Record<string, string> = {}) {
  const s = await openSse(`${base}${boardPath()}/events`, { cookie: actor.cookie, headers });
  streams.push(s);
  return s;
}

const changed = (e: SseEvent): BoardChild[] =>
  e.event === 'change' ? (JSON.parse(e.data) as { children: BoardChild[] }).children : [];
const changeOf = (studentId: string, section: string) => (e: SseEvent) =>
  changed(e).some((c) => c.studentId === studentId && c.section === section);

async function releaseVia(i: number) {
  const started = performance.now();
  const res = await gate.request({
    method: 'POST',
    url: `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}/releases`,
    payload: {
      studentId: child(i).studentId,
      method: 'listed_person',
      pickupPersonId: child(i).pickupPersonId,
      identityCheck: { method: 'id_document' },
      confirmEarly: true,
      deviceId: 'gate-A',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { started, answered: performance.now() };
}

async function listenerPids(): Promise<number[]> {
  const { rows } = await t.database.pool.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and query = $1`,
    [`LISTEN ${DAY_CHANNEL}`],
  );
  return rows.map((r) => r.pid);
}

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildDayWorld(t.database.db, { groups: 2, perGroup: 5 });
  await markChildren(t.database.db, world, world.children.slice(0, 9));
  await markChildren(t.database.db, world, [child(9)], 'absent');
  // Instance B: another server process on the same database (its own pool, its own listener).
  b = await buildApp({ database: t.database, secret: TEST_SECRET, clock: t.clock, webRoot: null });
  baseA = await listen(t.app);
  baseB = await listen(b);
  gate = await signIn(t, world.users.gateGuard);
});
afterAll(async () => {
  for (const s of streams) s.close();
  await b?.close();
  await t?.close();
});

describe('gate board', () => {
  it('answers the JSON snapshot with every child in its section', async () => {
    const res = await gate.request({ method: 'GET', url: boardPath() });
    expect(res.statusCode, res.body).toBe(200);
    const board: Board = res.json();
    expect(board.children).toHaveLength(10);
    expect(board.batches.map((x) => x.name)).toEqual(['第一批', '第二批']);
    expect(board.children.filter((c) => c.section === 'waiting')).toHaveLength(9);
    expect(board.children.find((c) => c.studentId === child(9).studentId)?.section).toBe('absent');
  });

  it('streams a release made through instance A to a board on instance B within a second, uncompressed', async () => {
    const s = await stream(baseB, gate, { 'accept-encoding': 'br, gzip' });
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toContain('text/event-stream');
    expect(s.headers['content-encoding']).toBeUndefined();
    const snapshot = await s.waitFor((e) => e.event === 'snapshot');
    expect((JSON.parse(snapshot.data) as Board).children).toHaveLength(10);
    const { answered } = await releaseVia(0);
    const event = await s.waitFor(changeOf(child(0).studentId, 'released'), 1_000);
    expect(event.receivedAt - answered).toBeLessThan(1_000);
    const row = changed(event).find((c) => c.studentId === child(0).studentId);
    expect(row?.release).toMatchObject({ method: 'listed_person', person: { name: '接送人1' } });
  });

  it('coalesces a burst of releases and delivers every child of it', async () => {
    const s = await stream(baseB, gate);
    await s.waitFor((e) => e.event === 'snapshot');
    await Promise.all([1, 2, 3].map((i) => releaseVia(i)));
    for (const i of [1, 2, 3]) await s.waitFor(changeOf(child(i).studentId, 'released'), 1_000);
    expect(s.events.filter((e) => e.event === 'change').length).toBeLessThanOrEqual(3);
  });

  it('carries to a care teacher only the children of the groups they lead', async () => {
    const teacherOf2 = await signIn(t, world.users.teachers[1] as string);
    const s = await stream(baseA, teacherOf2);
    const snapshot = JSON.parse((await s.waitFor((e) => e.event === 'snapshot')).data) as Board;
    expect(snapshot.scope).toBe('own_groups');
    expect(snapshot.children.map((c) => c.studentId).sort()).toEqual(
      world.children
        .slice(5)
        .map((c) => c.studentId)
        .sort(),
    );
    await releaseVia(4);
    await releaseVia(5);
    await s.waitFor(changeOf(child(5).studentId, 'released'), 1_000);
    expect(s.events.some(changeOf(child(4).studentId, 'released'))).toBe(false);
  });

  it('listens again after its database connection is cut, and resynchronises the open boards', async () => {
    const s = await stream(baseB, gate);
    await s.waitFor((e) => e.event === 'snapshot');
    const before = await listenerPids();
    expect(before.length).toBeGreaterThanOrEqual(1);
    await t.database.pool.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [before]);
    const deadline = Date.now() + 10_000;
    let after: number[] = [];
    while (Date.now() < deadline) {
      after = (await listenerPids()).filter((pid) => !before.includes(pid));
      if (after.length >= before.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(after.length).toBeGreaterThanOrEqual(1);
    await s.waitFor((e) => e.event === 'snapshot' && e !== s.events[0], 5_000);
    const { answered } = await releaseVia(6);
    const event = await s.waitFor(changeOf(child(6).studentId, 'released'), 1_000);
    expect(event.receivedAt - answered).toBeLessThan(1_000);
  });

  it('refuses a board of a day without service before any stream starts', async () => {
    const res = await gate.request({
      method: 'GET',
      url: `/api/schools/${world.school.schoolId}/days/2026-11-29/board/events`,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('NOT_A_SERVICE_DAY');
  });

  it('ends open streams when the server closes', async () => {
    const extra = await buildApp({
      database: t.database,
      secret: TEST_SECRET,
      clock: t.clock,
      webRoot: null,
    });
    const base = await listen(extra);
    const s = await stream(base, gate);
    await s.waitFor((e) => e.event === 'snapshot');
    const started = performance.now();
    await extra.close();
    await s.ended;
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

// Roll-call submit benchmark (issue 5: "30 marks at 32 connections: throughput as a fraction of a bare
// Fastify route doing the same multi-row INSERT on the same database in the same run, goal ≥ 50 %,
// p99"). A plain script:
//   npx tsx bench/roll-call.bench.ts            (BENCH_SECONDS=10 by default)
// It starts the embedded PostgreSQL in a temporary folder (or uses BENCH_DATABASE_URL, an admin URL of
// a server where it may create a database), builds 32 schools with a group of 30 children each, and drives
// two listening servers with 32 keep-alive connections each (fetch, one request in flight per
// connection):
// - the real app: POST /api/schools/:id/days/:date/marks with a session, CSRF token and Idempotency-Key
//   — authorization, the service day, the lock, the children's replay, the domain checks, the insert,
//   NOTIFY, and the idempotency record;
// - a bare Fastify route that INSERTs the same 30 rows into child_day_events in one statement.
// Each connection marks its own group; requests walk the term's service days so that a child's day
// holds a few marks, as in a real roll call. It prints figures and ratios and asserts nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import Fastify from 'fastify';
import { childDayEvents } from '../src/db/schema.js';
import { addDays } from '../src/domain/dates.js';
import { buildApp } from '../src/server/app.js';
import type { Clock } from '../src/server/clock.js';
import { loadServiceDay } from '../src/server/daily/service-day.js';
import { createSession, SESSION_COOKIE } from '../src/server/features/auth/sessions.js';
import { loadSchool } from '../src/server/features/plans/plan-setting.js';
import { buildDayWorld, type DayWorld } from '../test/daily-world.js';
import { openBenchDatabase } from './bench-database.js';

const CONNECTIONS = 32;
const MARKS = 30;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const GOAL = 0.5;

// Monday 2026-11-30, 17:40 in Shanghai: every earlier service day of the term can be marked.
const clock: Clock = { now: () => new Date('2026-11-30T09:40:00Z') };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface Run {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

// `CONNECTIONS` loops, each with one request in flight, for `seconds`.
async function drive(
  seconds: number,
  request: (worker: number, n: number) => Promise<Response>,
  check: (res: Response, body: string) => boolean,
): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let n = 0; performance.now() < end; n++) {
        const t0 = performance.now();
        try {
          const res = await request(worker, n);
          const body = await res.text();
          if (!check(res, body)) {
            errors += 1;
            if (errors <= 3) console.error(`error ${res.status}: ${body.slice(0, 300)}`);
          }
        } catch (error) {
          errors += 1;
          if (errors <= 3) console.error(error);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return {
    requests: latencies.length,
    errors,
    seconds: (performance.now() - started) / 1000,
    latencies: latencies.sort((a, b) => a - b),
  };
}

function line(label: string, run: Run): string {
  const rps = run.requests / run.seconds;
  return `${label.padEnd(14)} ${rps.toFixed(0).padStart(6)} req/s  ${(rps * MARKS).toFixed(0).padStart(7)} marks/s  p50 ${percentile(run.latencies, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(run.latencies, 99).toFixed(1).padStart(6)} ms  errors ${run.errors}`;
}

async function main() {
  const bench = await openBenchDatabase({ label: 'roll_call', poolSize: 20 });
  try {
    const database = bench.database;
    const db = database.db;
    const built = performance.now();
    // One school per connection (each a group of 30) (the test factories' numbering stays unique within a school).
    const worlds: DayWorld[] = [];
    for (let i = 0; i < CONNECTIONS; i++)
      worlds.push(await buildDayWorld(db, { groups: 1, perGroup: MARKS }));
    // The statistics a school's tables have in steady state (autovacuum, or the ANALYZE after an
    // import): without them the planner takes 30 children for one row and joins them in a loop.
    await bench.pool.query('analyze');
    const enrollmentOf = new Map(worlds.flatMap((w) => w.children).map((c) => [c.studentId, c.enrollmentId]));
    const school = await loadSchool(db, (worlds[0] as (typeof worlds)[number]).school.schoolId);
    // The term's service days up to the clock's day, newest first.
    const dates: string[] = [];
    for (let d = '2026-11-30'; d >= '2026-09-07'; d = addDays(d, -1)) {
      try {
        // The test worlds' groups run on Mondays (a make-up working day may follow Monday too).
        if ((await loadServiceDay(db, school, d)).groupWeekday === 1) dates.push(d);
      } catch {
        // not a service day
      }
    }
    console.log(
      `world           ${enrollmentOf.size} children in ${CONNECTIONS} schools of one group, ${dates.length} Monday service days (${((performance.now() - built) / 1000).toFixed(1)} s to build)`,
    );

    // ── the real app ──
    const app = await buildApp({
      database,
      secret: randomBytes(32),
      clock,
      webRoot: null,
      rateLimit: { max: 1e9, loginMax: 1e9, timeWindowMs: 60_000 },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const sessions = await Promise.all(
      worlds.map(async (w) => {
        const { token, csrfToken } = await createSession(db, {
          userId: w.groups[0]?.teacherUserId as string,
          clock,
          meta: { ip: '127.0.0.1', userAgent: 'bench' },
        });
        return { cookie: `${SESSION_COOKIE}=${token}`, csrfToken };
      }),
    );
    // The mark in force per date and child, so that each request's marks are corrections in order.
    const current = new Map<string, { id: string; mark: 'present' | 'late' }>();
    const marksFor = (worker: number, n: number) => {
      const date = dates[n % dates.length] as string;
      const group = worlds[worker]?.groups[0];
      const at = `${date}T15:3${n % 10}:00+08:00`;
      const marks = (group?.studentIds ?? []).map((studentId) => {
        const key = `${date}|${studentId}`;
        const before = current.get(key);
        const mark = before?.mark === 'present' ? ('late' as const) : ('present' as const);
        const id = randomUUID();
        current.set(key, { id, mark });
        return { id, studentId, mark, basedOn: before?.id ?? null, at, deviceId: `bench-${worker}` };
      });
      return { date, marks, schoolId: worlds[worker]?.school.schoolId as string };
    };
    const appRequest = (worker: number, n: number) => {
      const { date, marks, schoolId } = marksFor(worker, n);
      const s = sessions[worker] as { cookie: string; csrfToken: string };
      return fetch(`${appUrl}/api/schools/${schoolId}/days/${date}/marks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: s.cookie,
          'x-csrf-token': s.csrfToken,
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({ marks }),
      });
    };
    const appOk = (res: Response, body: string) =>
      res.status === 200 && (JSON.parse(body) as { saved: number }).saved === MARKS;

    // ── the bare route: the same 30-row INSERT, nothing else ──
    const bare = Fastify();
    bare.post('/marks/:schoolId/:date', async (request) => {
      const { schoolId, date } = request.params as { schoolId: string; date: string };
      const { marks } = request.body as { marks: ReturnType<typeof marksFor>['marks'] };
      await db.insert(childDayEvents).values(
        marks.map((m) => ({
          schoolId,
          eventId: m.id,
          serviceDate: date,
          studentId: m.studentId,
          enrollmentId: enrollmentOf.get(m.studentId) as string,
          kind: 'mark' as const,
          mark: m.mark,
          basedOn: m.basedOn,
          at: new Date(m.at),
          deviceId: m.deviceId,
        })),
      );
      return { saved: marks.length };
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
    const bareRequest = (worker: number, n: number) => {
      const { date, marks, schoolId } = marksFor(worker, n);
      return fetch(`${bareUrl}/marks/${schoolId}/${date}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ marks }),
      });
    };
    const bareOk = (res: Response) => res.status === 200;

    console.log(
      `load            ${CONNECTIONS} connections, ${MARKS} marks a request, ${SECONDS} s each after ${WARMUP_SECONDS} s warm-up`,
    );
    console.log(
      `database        ${bench.kind === 'embedded' ? 'embedded PostgreSQL' : 'BENCH_DATABASE_URL'}, pool 20, node ${process.version}, ${os.cpus().length} CPUs`,
    );
    // The app first, so that its children's days hold only its own few marks.
    await drive(WARMUP_SECONDS, appRequest, appOk);
    const appRun = await drive(SECONDS, appRequest, appOk);
    await drive(WARMUP_SECONDS, bareRequest, bareOk);
    const bareRun = await drive(SECONDS, bareRequest, bareOk);
    console.log(line('bare INSERT', bareRun));
    console.log(line('roll-call app', appRun));
    const ratio = appRun.requests / appRun.seconds / (bareRun.requests / bareRun.seconds);
    console.log(
      `ratio           ${(ratio * 100).toFixed(1)} % of the bare route (goal ≥ ${GOAL * 100} %: ${ratio >= GOAL ? 'met' : 'not met'}), p99 ${(percentile(appRun.latencies, 99) / Math.max(percentile(bareRun.latencies, 99), 0.001)).toFixed(1)}× the bare route's`,
    );
    await app.close();
    await bare.close();
  } finally {
    await bench.close();
  }
}

await main();

// The Idempotency-Key plugin on its own (B-4): a small app with the real auth and error plugins and a
// few routes that count how often they run.
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { AppError } from '../errors.js';
import { createSession, SESSION_COOKIE } from '../features/auth/sessions.js';
import authPlugin from './auth.js';
import errorsPlugin from './errors.js';
import idempotencyPlugin from './idempotency.js';

let database: TestDatabase;
let app: FastifyInstance;
const clock = new FakeClock();
let runs = 0;
let failNext = false;
let release: (() => void) | null = null;

interface Actor {
  headers: Record<string, string>;
}
let alice: Actor;
let bob: Actor;

async function actor(): Promise<Actor> {
  const user = await buildUser(database.db);
  const { token, csrfToken } = await createSession(database.db, {
    userId: user.id,
    clock,
    meta: { ip: null, userAgent: null },
  });
  return { headers: { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrfToken } };
}

const post = (who: Actor, url: string, payload: unknown, key?: string) =>
  app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: { ...who.headers, ...(key ? { 'idempotency-key': key } : {}) },
  });

beforeAll(async () => {
  database = await createTestDatabase();
  app = Fastify();
  // The error plugin throttles unknown routes with the rate limiter.
  await app.register(rateLimit, { max: 10_000, timeWindow: 60_000 });
  await app.register(cookie);
  await app.register(idempotencyPlugin, { database, clock });
  await app.register(multipart);
  await app.register(errorsPlugin);
  await app.register(authPlugin, { database, clock, accountClock: clock });
  app.post('/api/count', async (request) => {
    request.requireSession();
    runs += 1;
    return { run: runs, body: request.body };
  });
  app.post('/api/refuse', async () => {
    runs += 1;
    throw new AppError('NOT_FOUND');
  });
  app.post('/api/flaky', async () => {
    runs += 1;
    if (failNext) {
      failNext = false;
      throw new Error('the database went away');
    }
    return { run: runs };
  });
  app.post('/api/slow', async () => {
    runs += 1;
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    return { run: runs };
  });
  await app.ready();
  alice = await actor();
  bob = await actor();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});
beforeEach(() => {
  runs = 0;
});

describe('Idempotency-Key', () => {
  it('does a write once and answers every replay with the stored answer', async () => {
    const first = await post(alice, '/api/count', { a: 1 }, 'key-replay-1');
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replay']).toBeUndefined();
    for (let i = 0; i < 3; i++) {
      const again = await post(alice, '/api/count', { a: 1 }, 'key-replay-1');
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replay']).toBe('true');
      expect(again.body).toBe(first.body);
    }
    expect(runs).toBe(1);
    // Without a key every request is done.
    await post(alice, '/api/count', { a: 1 });
    await post(alice, '/api/count', { a: 1 });
    expect(runs).toBe(3);
  });

  // The key is reserved in the session's own query (plugins/auth.ts): only for a live session whose
  // CSRF token matches, so a refused write leaves nothing that would make its retry wait.
  it('reserves nothing for a write refused for its CSRF token or an expired session', async () => {
    const forged = await app.inject({
      method: 'POST',
      url: '/api/count',
      payload: { a: 2 },
      headers: { ...alice.headers, 'x-csrf-token': 'not-the-token', 'idempotency-key': 'key-csrf-1' },
    });
    expect(forged.statusCode).toBe(403);
    const stale = await actor();
    clock.advance(31 * 60_000);
    const expired = await post(stale, '/api/count', { a: 3 }, 'key-expired-1');
    expect(expired.statusCode).toBe(401);
    clock.advance(-31 * 60_000);
    const keys = await database.pool.query(
      `select key from idempotency_keys where key in ('key-csrf-1', 'key-expired-1')`,
    );
    expect(keys.rows).toEqual([]);
    const good = await post(alice, '/api/count', { a: 2 }, 'key-csrf-1');
    expect(good.statusCode).toBe(200);
    expect(good.headers['idempotent-replay']).toBeUndefined();
    expect(runs).toBe(1);
  });

  it('keeps a 4xx answer too: the refusal is replayed, not redone', async () => {
    const first = await post(alice, '/api/refuse', {}, 'key-refused-1');
    expect(first.statusCode).toBe(404);
    const again = await post(alice, '/api/refuse', {}, 'key-refused-1');
    expect(again.statusCode).toBe(404);
    expect(again.json()).toEqual(first.json());
    expect(runs).toBe(1);
  });

  it('refuses the same key with another body or path (422)', async () => {
    await post(alice, '/api/count', { a: 1 }, 'key-reused-1');
    const other = await post(alice, '/api/count', { a: 2 }, 'key-reused-1');
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ error: 'IDEMPOTENCY_KEY_REUSED' });
    const path = await post(alice, '/api/refuse', { a: 1 }, 'key-reused-1');
    expect(path.statusCode).toBe(422);
    expect(runs).toBe(1);
  });

  it('tells a retry to wait while the first request is still running (409)', async () => {
    const first = post(alice, '/api/slow', {}, 'key-slow-1');
    while (!release) await new Promise((r) => setTimeout(r, 5));
    const meanwhile = await post(alice, '/api/slow', {}, 'key-slow-1');
    expect(meanwhile.statusCode).toBe(409);
    expect(meanwhile.json()).toMatchObject({ error: 'IDEMPOTENCY_IN_PROGRESS' });
    (release as () => void)();
    release = null;
    expect((await first).statusCode).toBe(200);
    const after = await post(alice, '/api/slow', {}, 'key-slow-1');
    expect(after.statusCode).toBe(200);
    expect(after.headers['idempotent-replay']).toBe('true');
    expect(runs).toBe(1);
  });

  it('does not keep a 5xx: the retry does the work', async () => {
    failNext = true;
    const failed = await post(alice, '/api/flaky', {}, 'key-flaky-1');
    expect(failed.statusCode).toBe(500);
    const retried = await post(alice, '/api/flaky', {}, 'key-flaky-1');
    expect(retried.statusCode).toBe(200);
    expect(retried.headers['idempotent-replay']).toBeUndefined();
    expect(runs).toBe(2);
    const replay = await post(alice, '/api/flaky', {}, 'key-flaky-1');
    expect(replay.headers['idempotent-replay']).toBe('true');
    expect(runs).toBe(2);
  });

  it('keeps the keys of different accounts apart', async () => {
    const a = await post(alice, '/api/count', { same: true }, 'key-shared-1');
    const b = await post(bob, '/api/count', { same: true }, 'key-shared-1');
    expect(a.json()).toMatchObject({ run: 1 });
    expect(b.json()).toMatchObject({ run: 2 });
    expect(b.headers['idempotent-replay']).toBeUndefined();
    // Another account's key with another body is not "reused" either.
    expect((await post(bob, '/api/count', { other: true }, 'key-alice-only')).statusCode).toBe(200);
    expect((await post(alice, '/api/count', { mine: true }, 'key-alice-only')).statusCode).toBe(200);
    expect(runs).toBe(4);
  });

  it('refuses a malformed key', async () => {
    const res = await post(alice, '/api/count', {}, 'short');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'VALIDATION_FAILED' });
    expect(runs).toBe(0);
  });
});

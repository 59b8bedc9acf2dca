// Boots the real app on a fresh test database, and signs actors in without the login form.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type AppOptions, buildApp } from '../src/server/app.js';
import type { Clock } from '../src/server/clock.js';
import { createSession, SESSION_COOKIE } from '../src/server/features/auth/sessions.js';
import { appRoleDatabase, createTestDatabase, type TestDatabase } from './db.js';
import { TEST_SECRET } from './pickup-codes.js';

export { TEST_SECRET } from './pickup-codes.js';

export class FakeClock implements Clock {
  constructor(private current = new Date('2026-11-30T07:30:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp {
  app: FastifyInstance;
  // The test's own connection (the owner's): fixtures and checks. The app serves as kehou_app.
  database: TestDatabase;
  clock: FakeClock;
  close(): Promise<void>;
}

export async function buildTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const appDatabase = appRoleDatabase(database);
  const clock = new FakeClock();
  const app = await buildApp({
    database: appDatabase,
    secret: TEST_SECRET,
    clock,
    webRoot: null,
    ...options,
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    async close() {
      await app.close();
      await appDatabase.close();
      await database.close();
    },
  };
}

export interface SignedIn {
  userId: string;
  cookie: string;
  csrfToken: string;
  // Injects with the session cookie and, for writes, the CSRF header.
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function signIn(t: TestApp, userId: string): Promise<SignedIn> {
  const { token, csrfToken } = await createSession(t.database.db, {
    userId,
    clock: t.clock,
    meta: { ip: '127.0.0.1', userAgent: 'vitest' },
  });
  const cookie = `${SESSION_COOKIE}=${token}`;
  return {
    userId,
    cookie,
    csrfToken,
    request: (options) =>
      t.app.inject({
        ...options,
        headers: {
          cookie,
          ...(options.method && options.method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
          ...(options.headers ?? {}),
        },
      }),
  };
}

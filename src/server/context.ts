import type { Database, Db } from '../db/connect.js';
import type { Clock } from './clock.js';
import type { Actor } from './policies/policy.js';

// Where a request came from, for the audit log.
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

// What every use case receives: storage, time and, when signed in, the actor.
export interface UseCaseContext {
  db: Db;
  database: Database;
  // The school's time: what day and hour it is for the service (the demo clock in the demo).
  clock: Clock;
  // The real time for accounts: sessions, sign-in attempts and lockouts, one-time codes, password
  // changes. The demo moves `clock` only, so moving it signs nobody out (issue 13.10).
  accountClock: Clock;
  meta: RequestMeta;
}

export interface ActorContext extends UseCaseContext {
  actor: Actor;
}

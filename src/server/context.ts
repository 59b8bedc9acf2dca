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
  clock: Clock;
  meta: RequestMeta;
}

export interface ActorContext extends UseCaseContext {
  actor: Actor;
}

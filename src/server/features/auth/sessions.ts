// Server-side sessions: the cookie holds a random token, the database its sha-256. A session ends
// after 30 minutes without use or 12 hours after login, whichever comes first; login always makes
// a new session id (no fixation).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { executeNamed } from '../../../db/named-query.js';
import { sessions } from '../../../db/schema.js';
import type { Clock } from '../../clock.js';
import type { RequestMeta } from '../../context.js';
import { type ActorColumns, actorColumns, actorFrom, type LoadedActor } from './actor.js';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
// last_seen_at is written at most this often, so that reading pages does not write on every request.
const TOUCH_INTERVAL_MS = 60 * 1000;

export const SESSION_COOKIE = 'kehou_sid';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  options: { userId: string; clock: Clock; meta: RequestMeta },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = options.clock.now();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: options.userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    ip: options.meta.ip,
    userAgent: options.meta.userAgent?.slice(0, 400) ?? null,
  });
  return { token, csrfToken };
}

export interface LiveSession {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  user: {
    id: string;
    username: string | null;
    displayName: string;
    phone: string | null;
    // Signed in with a one-time code and no password yet (features/guardian-codes): the app asks
    // for a password before anything else.
    mustSetPassword: boolean;
  };
}

export type SessionLookup =
  // `actor` when asked for (`withActor`), `key` when a key was to be reserved (`reserve`).
  | { status: 'live'; session: LiveSession; actor: LoadedActor | null; key: KeyLookup | null }
  | { status: 'expired' }
  | { status: 'none' };

// The session of a cookie token; with `withActor`, the account's memberships too (actor.ts), in the
// same query: every API request of a signed-in user reads the session, and most need the actor.
// With `reserve`, an idempotent write's key (plugins/idempotency.ts) is reserved in that statement
// as well, for a live session whose CSRF token matches, and the key's stored row is read if it has one:
// an offline phone's writes then cost one round trip less.
export async function findSession(
  db: Db,
  token: string,
  clock: Clock,
  options: { withActor?: boolean; reserve?: KeyReservation } = {},
): Promise<SessionLookup> {
  const tokenHash = hashToken(token);
  const now = clock.now().getTime();
  const reserve = options.reserve;
  const actor = options.withActor ? sql`, ${actorColumns(sql`s.user_id`)}` : sql``;
  const [row] = reserve
    ? await executeNamed<SessionRow & ReservationColumns>(
        db,
        options.withActor ? 'kehou_session_actor_reserve' : 'kehou_session_reserve',
        sql`
        with s as (${sessionSelect(tokenHash)}),
        reserved as (
          insert into idempotency_keys (user_id, key, request_hash, created_at)
          select s.user_id, ${reserve.key}, ${reserve.requestHash}, ${new Date(now)} from s
          where s.disabled_at is null and s.last_seen_at >= ${new Date(now - SESSION_IDLE_MS)}
            and s.created_at >= ${new Date(now - SESSION_ABSOLUTE_MS)} and s.csrf_token = ${reserve.csrfToken}
            and not s.must_set_password
          on conflict do nothing
          returning key)
        select s.* ${actor}, exists (select 1 from reserved) as key_reserved,
          (select json_build_object('requestHash', k.request_hash, 'responseStatus', k.response_status,
              'responseBody', k.response_body)
            from idempotency_keys k where k.user_id = s.user_id and k.key = ${reserve.key}) as key_stored
        from s`,
      )
    : await executeNamed<SessionRow>(
        db,
        options.withActor ? 'kehou_session_actor' : 'kehou_session',
        sql`select s.* ${actor} from (${sessionSelect(tokenHash)}) s`,
      );
  if (!row) return { status: 'none' };
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (
    row.disabled_at !== null ||
    now - lastSeen > SESSION_IDLE_MS ||
    now - new Date(row.created_at).getTime() > SESSION_ABSOLUTE_MS
  ) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return { status: 'expired' };
  }
  if (now - lastSeen > TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.tokenHash, tokenHash));
  }
  const withKey = row as SessionRow & Partial<ReservationColumns>;
  return {
    status: 'live',
    session: {
      tokenHash,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      user: {
        id: row.user_id,
        username: row.username,
        displayName: row.display_name,
        phone: row.phone,
        mustSetPassword: row.must_set_password,
      },
    },
    actor: options.withActor ? actorFrom(row.user_id, row as SessionRow & ActorColumns) : null,
    key: reserve ? { reserved: withKey.key_reserved === true, stored: withKey.key_stored ?? null } : null,
  };
}

function sessionSelect(tokenHash: string) {
  return sql`select s.user_id, s.csrf_token, s.created_at, s.last_seen_at, u.username, u.display_name,
      u.phone, u.disabled_at, u.password_hash is null as must_set_password
    from sessions s join users u on u.id = s.user_id
    where s.token_hash = ${tokenHash}`;
}

// An idempotent write's key to reserve with the session (plugins/idempotency.ts).
export interface KeyReservation {
  key: string;
  requestHash: string;
  // The CSRF token the request carries: a key is reserved only for a write the session may make.
  csrfToken: string;
}

// What became of the key: reserved now, or found stored (by an earlier request with this key).
export interface KeyLookup {
  reserved: boolean;
  stored: { requestHash: string; responseStatus: number | null; responseBody: string | null } | null;
}

type ReservationColumns = { key_reserved: boolean; key_stored: KeyLookup['stored'] };

type SessionRow = {
  user_id: string;
  csrf_token: string;
  // Times come as text or as Date depending on the driver's parsers; read with new Date().
  created_at: string | Date;
  last_seen_at: string | Date;
  username: string | null;
  display_name: string;
  phone: string | null;
  disabled_at: string | Date | null;
  must_set_password: boolean;
};

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

// Other sessions of a user end when the password changes.
export async function endOtherSessions(db: Db, userId: string, keepTokenHash: string): Promise<void> {
  const all = await db
    .select({ tokenHash: sessions.tokenHash })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  for (const s of all) if (s.tokenHash !== keepTokenHash) await endSession(db, s.tokenHash);
}

export async function pruneExpiredSessions(db: Db, clock: Clock): Promise<void> {
  const now = clock.now().getTime();
  await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.lastSeenAt, new Date(now - SESSION_IDLE_MS)),
        lt(sessions.createdAt, new Date(now - SESSION_ABSOLUTE_MS)),
      ),
    );
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

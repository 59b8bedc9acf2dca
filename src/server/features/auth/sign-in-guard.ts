// Sign-in guesses counted per account and per source address (issue 13.5; the rules are in
// src/domain/sign-in-limits.ts, the trade-offs in docs/domain-rules.md "Accounts"). Each attempt is
// a row of login_attempts under a key:
//
//   account:<userId>      an attempt for a known account, password or one-time code, whether its
//                         username or its phone was typed, with the address it came from;
//   unknown:<identifier>  the same for a typed identifier (normalised) that names no account, counted
//                         like an account so that no answer tells whether one exists;
//   unlock:<one of those> an attempt of an unlock code: throttled per address, never locked, so that
//                         guessing codes cannot keep the real user from unlocking;
//   address:<block>       every failure from an address, whatever was typed (the address cap).
//
// An address is the client's IPv4 address or IPv6 /64 (addressBlock); the row keeps the full one.
//
// The counts are read in one statement before any password or code is checked; a refused attempt is
// not counted. All times are the account clock's (the real time, also on the demo clock).
import { and, gte, inArray, sql } from 'drizzle-orm';
import { loginAttempts } from '../../../db/schema.js';
import {
  accountLock,
  addressBlock,
  addressCap,
  addressThrottle,
  type Refusal,
  windowStart,
} from '../../../domain/sign-in-limits.js';
import { recordAudit } from '../../audit.js';
import type { UseCaseContext } from '../../context.js';
import { AppError } from '../../errors.js';

export type SignInPurpose = 'sign_in' | 'unlock';

/** Whom an attempt is for: a known account, or the identifier as typed when it names none. */
export interface SignInSubject {
  userId: string | null;
  // The identifier as typed, normalised: what the audit log names.
  identifier: string;
}

export const ACCOUNT_KEY_PREFIX = 'account:';
export const accountKey = (userId: string) => `${ACCOUNT_KEY_PREFIX}${userId}`;
const subjectKey = (s: SignInSubject, purpose: SignInPurpose) => {
  const key = s.userId ? accountKey(s.userId) : `unknown:${s.identifier}`;
  return purpose === 'unlock' ? `unlock:${key}` : key;
};
const addressKey = (ip: string) => `address:${addressBlock(ip)}`;

const minutesOf = (r: Refusal) => Math.ceil(r.retryAfterSeconds / 60);

/** Refuses (429) while the account is locked, or this address is throttled for it or at all. */
export async function guardSignIn(
  ctx: UseCaseContext,
  subject: SignInSubject,
  purpose: SignInPurpose,
): Promise<void> {
  const { db, accountClock, meta } = ctx;
  const now = accountClock.now();
  const key = subjectKey(subject, purpose);
  const keys = meta.ip ? [key, addressKey(meta.ip)] : [key];
  const rows = await db
    .select({
      identifier: loginAttempts.identifier,
      at: loginAttempts.at,
      succeeded: loginAttempts.succeeded,
      fromHere: sql<boolean>`coalesce(${loginAttempts.ip} <<= ${meta.ip ? addressBlock(meta.ip) : null}::inet, false)`,
    })
    .from(loginAttempts)
    .where(and(inArray(loginAttempts.identifier, keys), gte(loginAttempts.at, windowStart(now))))
    .orderBy(loginAttempts.at, loginAttempts.id);
  const attempts = rows
    .filter((r) => r.identifier === key)
    .map((r) => ({ at: r.at, succeeded: r.succeeded === 1, fromHere: r.fromHere }));
  const addressFailures = rows.filter((r) => r.identifier !== key && r.succeeded === 0);

  const locked = purpose === 'sign_in' ? accountLock(attempts, now) : null;
  const throttled = addressThrottle(attempts, now);
  const capped = throttled ? null : addressCap(addressFailures, now);
  const refusal = locked ?? throttled ?? capped;
  if (!refusal) return;
  const reason = locked ? 'account' : throttled ? 'account_from_address' : 'address';
  await recordAudit(db, meta, {
    actorUserId: null,
    action: locked ? 'auth.locked' : 'auth.throttled',
    objectType: 'login',
    objectId: subject.identifier,
    at: now,
    details: { failures: refusal.failures, reason, purpose },
  });
  const minutes = minutesOf(refusal);
  const details = { retryAfterSeconds: refusal.retryAfterSeconds };
  if (locked)
    throw new AppError('LOGIN_LOCKED', {
      zh: `登录失败次数过多，账号已暂时锁定，请 ${minutes} 分钟后再试，或向学校管理员要一个解锁码`,
      en: `Too many failed logins: the account is locked; try again in ${minutes} min, or ask the school administrator for an unlock code`,
      details,
    });
  throw new AppError('LOGIN_THROTTLED', {
    zh: `从此网络失败的尝试过多，请 ${minutes} 分钟后再试；换一个网络（如手机流量）仍可登录`,
    en: `Too many failed attempts from this network; try again in ${minutes} min, or sign in from another network (such as mobile data)`,
    details,
  });
}

/** Counts an attempt: a failure for its subject and its address, a success for its subject. */
export async function recordSignIn(
  ctx: UseCaseContext,
  subject: SignInSubject,
  purpose: SignInPurpose,
  succeeded: boolean,
): Promise<void> {
  const { db, accountClock, meta } = ctx;
  const at = accountClock.now();
  const row = { at, succeeded: succeeded ? 1 : 0, ip: meta.ip };
  await db
    .insert(loginAttempts)
    .values([
      { ...row, identifier: subjectKey(subject, purpose) },
      ...(meta.ip && !succeeded ? [{ ...row, identifier: addressKey(meta.ip) }] : []),
    ]);
}

/** An unlock code worked: the account's count starts again, and so does this address's for it. */
export async function recordUnlock(ctx: UseCaseContext, userId: string): Promise<void> {
  await ctx.db
    .insert(loginAttempts)
    .values({ identifier: accountKey(userId), at: ctx.accountClock.now(), succeeded: 1, ip: ctx.meta.ip });
}
